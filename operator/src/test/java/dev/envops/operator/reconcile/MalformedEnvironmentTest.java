package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.RepositoryRoot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wrong-typed Environment used to fail the informer every Environment is read through, and the
 * operator stopped. It is now one InvalidSpec. The real API server refuses such an object at
 * admission, so the test stores it as a cluster can hold one: under an older, looser CRD schema
 * that was tightened afterwards (stored objects are not re-validated).
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
    GenericKubernetesResource broken =
        Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
    var environments =
        h.client().genericKubernetesResources(ENVIRONMENTS).inNamespace(OperatorHarness.NAMESPACE);
    assertThatThrownBy(() -> environments.resource(broken).create())
        .as("the real CRD schema refuses it")
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

    CustomResourceDefinition shipped = shippedCrd();
    CustomResourceDefinition loose = shippedCrd();
    loose
        .getSpec()
        .getVersions()
        .get(0)
        .getSchema()
        .getOpenAPIV3Schema()
        .getProperties()
        .put(
            "spec",
            new JSONSchemaPropsBuilder()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .build());
    try {
      applyCrd(loose);
      // The API server serves a new schema a moment after the CRD is written.
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreException(KubernetesClientException.class)
          .until(() -> environments.resource(broken).create() != null);
    } finally {
      applyCrd(shipped);
      await().atMost(Duration.ofSeconds(10)).until(() -> refusedByDryRun(environments, broken));
    }
  }

  private static boolean refusedByDryRun(
      NonNamespaceOperation<
              GenericKubernetesResource,
              GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          environments,
      GenericKubernetesResource broken) {
    GenericKubernetesResource probe =
        Serialization.jsonMapper().convertValue(broken, GenericKubernetesResource.class);
    probe.getMetadata().setName("probe-" + broken.getMetadata().getName());
    try {
      environments.resource(probe).dryRun().create();
      return false;
    } catch (KubernetesClientException e) {
      return e.getCode() == 422;
    }
  }

  private CustomResourceDefinition shippedCrd() {
    try (var in =
        Files.newInputStream(
            RepositoryRoot.require().resolve("crds/environments.envops.dev-v1.yml"))) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void applyCrd(CustomResourceDefinition crd) {
    crd.getMetadata().setManagedFields(null);
    h.client()
        .resource(crd)
        .fieldManager(OperatorInstallation.FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
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
