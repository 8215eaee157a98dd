package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wrong-typed Environment (stored where no CRD schema checked it) used to fail the informer every
 * Environment is read through, and the operator stopped. It is now one InvalidSpec.
 */
class MalformedEnvironmentTest {

  private static final ResourceDefinitionContext ENVIRONMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("envops.dev")
          .withVersion("v1alpha1")
          .withKind("Environment")
          .withPlural("environments")
          .withNamespaced(true)
          .build();

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create().start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void wrongTypedEnvironmentIsInvalidSpecAndTheOthersStillRollOut() {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    storeAsIs("broken", "containerPort", "eighty");

    EnvironmentStatus broken =
        h.awaitStatus("broken", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));
    assertThat(broken.condition("Ready").orElseThrow().getMessage())
        .isEqualTo("spec.lightsail.containerPort: must be an integer");
    assertThat(broken.getPhase()).isEqualTo(Phase.Failed);

    String v2 = h.push("v2");
    h.edit("qa", e -> tag(e, "v2"));
    EnvironmentStatus qa =
        h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready && "v2".equals(s.getImage().getTag()));
    assertThat(qa.getImage().getDigest()).isEqualTo(v2);
    assertThat(h.lightsail().service("broken-service")).isEmpty();
    // The stored object keeps its value: the status patch did not rewrite the spec.
    assertThat(rawSpec("broken")).containsEntry("containerPort", "eighty");
  }

  @Test
  void operatorStartsWithAWrongTypedEnvironmentAlreadyStored() throws Exception {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.stopOperator();

    storeAsIs("broken", "power", "huge");
    h.push("v2");
    h.edit("qa", e -> tag(e, "v2"));
    h.start();

    EnvironmentStatus broken =
        h.awaitStatus("broken", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));
    assertThat(broken.condition("Ready").orElseThrow().getMessage())
        .startsWith("spec.lightsail.power: must be one of nano, micro");
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready && "v2".equals(s.getImage().getTag()));
    assertThat(h.lightsail().service("broken-service")).isEmpty();
  }

  /** Stores an Environment like {@code broken} of the bookings shape with one field replaced. */
  private void storeAsIs(String name, String lightsailField, Object value) {
    Map<String, Object> object =
        Serialization.jsonMapper()
            .convertValue(Environments.bookings(name, h.repositoryUri(), "v1"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> lightsail =
        (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("lightsail");
    lightsail.put(lightsailField, value);
    h.client()
        .genericKubernetesResources(ENVIRONMENTS)
        .inNamespace(OperatorHarness.NAMESPACE)
        .resource(Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class))
        .create();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> rawSpec(String name) {
    GenericKubernetesResource r =
        h.client()
            .genericKubernetesResources(ENVIRONMENTS)
            .inNamespace(OperatorHarness.NAMESPACE)
            .withName(name)
            .get();
    return (Map<String, Object>)
        ((Map<String, Object>) r.getAdditionalProperties().get("spec")).get("lightsail");
  }

  private static Environment tag(Environment env, String tag) {
    env.getSpec().getImage().setTag(tag);
    return env;
  }
}
