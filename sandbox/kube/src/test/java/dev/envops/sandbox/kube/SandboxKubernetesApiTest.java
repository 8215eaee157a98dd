package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxKubernetesApiTest {

  @TempDir Path dir;

  @Test
  void servedRequestsAreNotKeptForever() throws Exception {
    try (SandboxKubernetesApi api = SandboxKubernetesApi.start()) {
      for (int i = 0; i < 20; i++) {
        api.client()
            .configMaps()
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("c" + i).endMetadata().build())
            .create();
      }

      int served = api.mock().getRequestCount();
      assertThat(served).isGreaterThanOrEqualTo(20);
      await().atMost(Duration.ofSeconds(10)).until(() -> api.discardedRequests() >= served);
      assertThat(api.mock().takeRequest(10, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void kubeconfigPointsAtTheFrontWithoutCredentials() throws Exception {
    try (SandboxKubernetesApi api = SandboxKubernetesApi.start()) {
      String kubeconfig = Files.readString(api.writeKubeconfig(dir.resolve("k/config")));

      assertThat(api.url()).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(kubeconfig)
          .contains("server: " + api.url(), "current-context: envops-sandbox", "namespace: default")
          .doesNotContain("token", "password", "client-key");
    }
  }
}
