package dev.envops.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped PrometheusRule is valid for promtool and its alerts fire when they should ({@code
 * promtool test rules}), and the ServiceMonitor finds the metrics Service's port.
 */
class PrometheusRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path MONITORING = Path.of("..", "operator", "k8s", "monitoring");
  private static final Path SERVICE = Path.of("..", "operator", "k8s", "service.yaml");

  @TempDir Path dir;

  @Test
  void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
    JsonNode rule = YAML.readTree(MONITORING.resolve("prometheusrule.yaml").toFile());
    assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
    YAML.writeValue(dir.resolve("rules.yaml").toFile(), rule.path("spec"));
    try (InputStream tests = getClass().getResourceAsStream("/prometheus/envops-rules-test.yaml")) {
      Files.copy(tests, dir.resolve("envops-rules-test.yaml"));
    }

    Promtool.Result check = Promtool.run(dir, null, "check", "rules", "rules.yaml");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 5 rules found");

    Promtool.Result unit = Promtool.run(dir, null, "test", "rules", "envops-rules-test.yaml");
    assertThat(unit.exitCode()).as(unit.output()).isZero();
  }

  @Test
  void everyAlertIsCoveredByTheUnitTests() throws Exception {
    JsonNode rule = YAML.readTree(MONITORING.resolve("prometheusrule.yaml").toFile());
    JsonNode tests;
    try (InputStream in = getClass().getResourceAsStream("/prometheus/envops-rules-test.yaml")) {
      tests = YAML.readTree(in);
    }
    var tested = tests.findValuesAsText("alertname");
    for (JsonNode group : rule.path("spec").path("groups")) {
      for (JsonNode r : group.path("rules")) {
        assertThat(tested).contains(r.path("alert").asText());
      }
    }
  }

  @Test
  void serviceMonitorSelectsTheMetricsService() throws Exception {
    JsonNode monitor = YAML.readTree(MONITORING.resolve("servicemonitor.yaml").toFile());
    JsonNode service = YAML.readTree(SERVICE.toFile());
    monitor
        .path("spec")
        .path("selector")
        .path("matchLabels")
        .fields()
        .forEachRemaining(
            label ->
                assertThat(service.path("metadata").path("labels").path(label.getKey()).asText())
                    .isEqualTo(label.getValue().asText()));
    assertThat(monitor.path("spec").path("namespaceSelector").path("matchNames").get(0).asText())
        .isEqualTo(service.path("metadata").path("namespace").asText());
    String port = monitor.path("spec").path("endpoints").get(0).path("port").asText();
    assertThat(service.path("spec").path("ports").findValuesAsText("name")).contains(port);
  }
}
