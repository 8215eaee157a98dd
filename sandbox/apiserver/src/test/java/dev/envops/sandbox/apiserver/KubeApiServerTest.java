package dev.envops.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real API server as started for the tests: TLS, token authentication, RBAC. */
class KubeApiServerTest {

  @TempDir Path tmp;

  @Test
  void theAdminMayDoAnythingAndTheServerIsTheRealOne() {
    KubeApiServer server = KubeApiServer.shared();
    try (KubernetesClient admin = server.adminClient()) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName("kast-admin")
                  .addToLabels("team", "a")
                  .endMetadata()
                  .build())
          .fieldManager("kast")
          .serverSideApply();

      assertThat(admin.namespaces().withName("kast-admin").get().getMetadata().getManagedFields())
          .anyMatch(m -> "kast".equals(m.getManager()) && "Apply".equals(m.getOperation()));
      assertThat(admin.getKubernetesVersion().getGitVersion()).startsWith("v1.");
      assertThat(server.url().toString()).startsWith("https://127.0.0.1:");
    }
  }

  @Test
  void anUnknownTokenIsUnauthorized() {
    try (KubernetesClient stranger = KubeApiServer.shared().client("not-a-token")) {
      assertThatThrownBy(() -> stranger.namespaces().list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }
  }

  @Test
  void theKubeconfigIsOwnerOnlyAndWorks() throws Exception {
    KubeApiServer server = KubeApiServer.shared();
    Path file = server.writeAdminKubeconfig(tmp.resolve("kubeconfig"), "default");

    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (KubernetesClient fromFile =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(file)))
            .build()) {
      assertThat(fromFile.namespaces().withName("kube-system").get()).isNotNull();
    }
  }
}
