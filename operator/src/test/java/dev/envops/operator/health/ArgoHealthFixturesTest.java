package dev.envops.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs health_test.yaml the way Argo CD's own test of resource_customizations does: every listed
 * fixture (an Environment exported from the operator with its full status) through health.lua in a
 * Lua 5.1 VM, expecting the listed status and message; and the argocd-cm snippet carries the same
 * script.
 */
class ArgoHealthFixturesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DIR = LuaHealth.SCRIPT.getParent();

  @TestFactory
  Stream<DynamicTest> everyFixtureGetsItsHealth() throws Exception {
    JsonNode tests = YAML.readTree(DIR.resolve("health_test.yaml").toFile()).path("tests");
    List<DynamicTest> out = new ArrayList<>();
    for (JsonNode t : tests) {
      String input = t.path("inputPath").asText();
      out.add(
          DynamicTest.dynamicTest(
              input,
              () -> {
                JsonNode obj = YAML.readTree(DIR.resolve(input).toFile());
                LuaHealth.Health health = LuaHealth.evaluate(LuaHealth.SCRIPT, obj);
                assertThat(health.status())
                    .isEqualTo(t.path("healthStatus").path("status").asText());
                assertThat(health.message())
                    .isEqualTo(t.path("healthStatus").path("message").asText());
              }));
    }
    return out.stream();
  }

  @Test
  void fixturesCoverEveryHealthStatusAndAStaleGeneration() throws Exception {
    JsonNode tests = YAML.readTree(DIR.resolve("health_test.yaml").toFile()).path("tests");
    List<String> statuses = new ArrayList<>();
    tests.forEach(t -> statuses.add(t.path("healthStatus").path("status").asText()));
    assertThat(statuses).contains("Healthy", "Progressing", "Degraded", "Suspended");
    try (var files = Files.list(DIR.resolve("testdata"))) {
      assertThat(files.map(p -> "testdata/" + p.getFileName()).toList())
          .containsExactlyInAnyOrderElementsOf(
              () -> tests.findValuesAsText("inputPath").iterator());
    }
  }

  @Test
  void argocdCmSnippetCarriesTheSameScript() throws Exception {
    JsonNode cm = YAML.readTree(Path.of("..", "gitops", "argocd", "argocd-cm.yaml").toFile());
    String embedded =
        cm.path("data").path("resource.customizations.health.envops.dev_Environment").asText();
    assertThat(embedded).isEqualTo(Files.readString(LuaHealth.SCRIPT));
  }
}
