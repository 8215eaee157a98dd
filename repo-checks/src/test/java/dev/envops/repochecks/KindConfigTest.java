package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class KindConfigTest {

  @Test
  @SuppressWarnings("unchecked")
  void isAKindClusterNamedEnvopsWithOneControlPlaneOnLoopback() throws IOException {
    Map<String, Object> config;
    try (Reader reader =
        Files.newBufferedReader(BumpScript.REPO_ROOT.resolve("kind-config.yaml"))) {
      config = new Yaml().load(reader);
    }

    assertThat(config).containsEntry("kind", "Cluster");
    assertThat(config).containsEntry("apiVersion", "kind.x-k8s.io/v1alpha4");
    assertThat(config).containsEntry("name", "envops");
    assertThat((List<Map<String, Object>>) config.get("nodes"))
        .extracting(node -> node.get("role"))
        .containsExactly("control-plane");
    assertThat((Map<String, Object>) config.get("networking"))
        .containsEntry("apiServerAddress", "127.0.0.1");
  }
}
