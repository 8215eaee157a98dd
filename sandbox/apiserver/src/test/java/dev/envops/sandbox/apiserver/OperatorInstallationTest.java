package dev.envops.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped CRD and RBAC on the real server: what the operator's ServiceAccount may do. */
class OperatorInstallationTest {

  /** The namespace deployment.yaml watches, with the RoleBinding of rbac.yaml. */
  private static final String WATCHED = "envops";

  /** A namespace the operator does not watch. */
  private static final String NS = "oit-apps";

  private static final ResourceDefinitionContext ENVIRONMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("envops.dev")
          .withVersion("v1alpha1")
          .withKind("Environment")
          .withPlural("environments")
          .withNamespaced(true)
          .build();

  private static OperatorInstallation installation;

  @BeforeAll
  static void install() {
    OperatorManifests manifests = OperatorManifests.fromRepository(RepositoryRoot.require());
    installation = OperatorInstallation.install(KubeApiServer.shared(), manifests);
    // Applying the same manifests again changes nothing and fails nothing (server-side apply).
    installation = OperatorInstallation.install(KubeApiServer.shared(), manifests);
    try (KubernetesClient admin = KubeApiServer.shared().adminClient()) {
      for (String ns : List.of(WATCHED, NS)) {
        admin
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .serverSideApply();
        admin
            .secrets()
            .inNamespace(ns)
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("dsn")
                    .endMetadata()
                    .addToStringData("DSN", "mysql://x")
                    .build())
            .serverSideApply();
      }
    }
  }

  @Test
  void theOperatorReadsEnvironmentsEverywhereAndSecretsInTheNamespaceItWatches() {
    try (KubernetesClient operator = installation.operatorClient()) {
      assertThat(
              operator.genericKubernetesResources(ENVIRONMENTS).inAnyNamespace().list().getItems())
          .isNotNull();
      assertThat(operator.secrets().inNamespace(WATCHED).withName("dsn").get().getData())
          .containsKey("DSN");
      assertThat(operator.secrets().inNamespace(WATCHED).list().getItems()).isNotEmpty();
    }
  }

  @Test
  void theOperatorMayNotReadSecretsOfANamespaceItDoesNotWatch() {
    try (KubernetesClient operator = installation.operatorClient()) {
      assertForbidden(() -> operator.secrets().inNamespace(NS).withName("dsn").get());
      assertForbidden(() -> operator.secrets().inNamespace(NS).list());
      assertForbidden(() -> operator.secrets().inAnyNamespace().list());
    }
  }

  @Test
  void grantingAnotherNamespaceOpensItsSecretsOnly() {
    String other = "oit-granted";
    try (KubernetesClient admin = KubeApiServer.shared().adminClient()) {
      admin
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build())
          .serverSideApply();
    }
    installation.grantSecrets(other);
    try (KubernetesClient operator = installation.operatorClient()) {
      assertThat(operator.secrets().inNamespace(other).list().getItems()).isEmpty();
      assertForbidden(() -> operator.secrets().inNamespace(NS).list());
    }
  }

  @Test
  void theOperatorMayNotWriteSecretsNorEnvironmentSpecsNorDelete() {
    try (KubernetesClient operator = installation.operatorClient()) {
      assertForbidden(
          () ->
              operator
                  .secrets()
                  .inNamespace(NS)
                  .resource(
                      new SecretBuilder()
                          .withNewMetadata()
                          .withName("planted")
                          .endMetadata()
                          .addToStringData("k", "v")
                          .build())
                  .create());
      assertForbidden(() -> operator.secrets().inNamespace(NS).withName("dsn").delete());
      assertForbidden(
          () ->
              operator
                  .genericKubernetesResources(ENVIRONMENTS)
                  .inNamespace(NS)
                  .resource(
                      new GenericKubernetesResource() {
                        {
                          setApiVersion("envops.dev/v1alpha1");
                          setKind("Environment");
                          setMetadata(
                              new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                                  .withName("made-by-operator")
                                  .withNamespace(NS)
                                  .build());
                        }
                      })
                  .create());
      assertForbidden(() -> operator.namespaces().withName(NS).delete());
    }
  }

  @Test
  void theOperatorMayUseLeasesOnlyInItsOwnNamespace() {
    try (KubernetesClient operator = installation.operatorClient()) {
      assertThat(operator.leases().inNamespace(OperatorInstallation.NAMESPACE).withName("x").get())
          .isNull();
      assertForbidden(() -> operator.leases().inNamespace(NS).withName("x").get());
    }
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
