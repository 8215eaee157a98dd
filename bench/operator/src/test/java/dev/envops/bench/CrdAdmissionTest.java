package dev.envops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.envops.sandbox.apiserver.KubeApiServer;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import dev.envops.sandbox.apiserver.RepositoryRoot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checked-in CRD on the real API server: each item of the bad-input corpus that the schema can
 * catch is refused at admission naming its own field; the rest are stored (the operator's
 * validation answers them with InvalidSpec, see the bad-input benchmark); the examples are admitted
 * with the schema's defaults. Server-side dry run: nothing is stored.
 */
class CrdAdmissionTest {

  private static final String NAMESPACE = "admission";
  private static final String REPOSITORY =
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/bookings-api";
  private static final ResourceDefinitionContext ENVIRONMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("envops.dev")
          .withVersion("v1alpha1")
          .withKind("Environment")
          .withPlural("environments")
          .withNamespaced(true)
          .build();

  /**
   * What the CRD's schema does not express (cross-object, cross-field, Secret and AWS-region
   * checks, the image's region against the service's, the numeric range of success codes, env
   * names): the operator's SpecValidator answers these with InvalidSpec.
   */
  private static final List<String> LEFT_TO_THE_OPERATOR =
      List.of(
          "no spec",
          "serviceName of another Environment",
          "another's serviceName + Delete policy",
          "region-shaped but no AWS region",
          "repository in another region than the service",
          "env name with - and leading digit",
          "healthCheck successCodes up to 600",
          "envFrom Secret that does not exist",
          "envFrom name also in env",
          "promoteFrom equal to branch",
          "promoteFrom without token Secret",
          "token Secret that does not exist",
          "requireReadyIn naming itself");

  private static KubernetesClient admin;

  @BeforeAll
  static void install() {
    OperatorInstallation.install(
        KubeApiServer.shared(), OperatorManifests.fromRepository(RepositoryRoot.require()));
    admin = KubeApiServer.shared().adminClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  @Test
  void everyItemTheSchemaCatchesIsRefusedForItsOwnField() {
    List<String> refusedForAnotherField = new ArrayList<>();
    List<String> admitted = new ArrayList<>();
    int refused = 0;
    for (BadSpec item : BadSpecs.corpus(REPOSITORY, "svc-0000", "bad")) {
      Optional<String> refusal = dryRunCreate(item.object());
      if (refusal.isEmpty()) {
        admitted.add(item.what());
      } else if (!refusal.get().contains(item.field())) {
        refusedForAnotherField.add(item.name() + " " + item.what() + ": " + refusal.get());
      } else {
        refused++;
      }
    }

    assertThat(refusedForAnotherField).isEmpty();
    assertThat(admitted).containsExactlyElementsOf(LEFT_TO_THE_OPERATOR);
    assertThat(refused).isGreaterThan(LEFT_TO_THE_OPERATOR.size());
  }

  @Test
  void theExamplesAreAdmittedWithTheSchemaDefaults() throws Exception {
    for (String example : List.of("bookings-qa.yaml", "bookings-prod.yaml")) {
      try (InputStream in = getClass().getResourceAsStream("/envops/crds/examples/" + example)) {
        Map<String, Object> object =
            Serialization.unmarshal(in, new TypeReference<Map<String, Object>>() {});

        GenericKubernetesResource stored = dryRun(object);

        assertThat(BadSpecs.get(asMap(stored), "spec.lightsail.power")).as(example).isNotNull();
        assertThat(BadSpecs.get(asMap(stored), "spec.lightsail.deletionPolicy"))
            .as(example)
            .isNotNull();
      }
    }
  }

  private static Optional<String> dryRunCreate(Map<String, Object> object) {
    try {
      dryRun(object);
      return Optional.empty();
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
      return Optional.of(e.getMessage());
    }
  }

  private static GenericKubernetesResource dryRun(Map<String, Object> object) {
    Map<String, Object> copy = new LinkedHashMap<>(object);
    GenericKubernetesResource resource =
        Serialization.jsonMapper().convertValue(copy, GenericKubernetesResource.class);
    resource.getMetadata().setNamespace(NAMESPACE);
    return admin
        .genericKubernetesResources(ENVIRONMENTS)
        .inNamespace(NAMESPACE)
        .resource(resource)
        .dryRun()
        .create();
  }

  private static Map<String, Object> asMap(GenericKubernetesResource resource) {
    return Serialization.jsonMapper()
        .convertValue(resource, new TypeReference<Map<String, Object>>() {});
  }
}
