package dev.envops.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.planetscale.PlanetScaleBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric docs/operator.md's "Metrics and health" table names is on /metrics with its type and
 * label set, the output passes {@code promtool check metrics}, and per-Environment series follow
 * the Environment (a changed deploy request, a deleted Environment).
 */
class MetricsExpositionTest {

  private static final Path DOC = Path.of("..", "docs", "operator.md");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]*|_[a-z0-9_]+");
  private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
  private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

  private final OperatorMetrics metrics = new OperatorMetrics();

  /** One row of the documented table: its metric names, label names and the type it names. */
  record Documented(List<String> names, Set<String> labels, String type) {}

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void everyDocumentedMetricIsExposedWithItsTypeAndLabels() throws Exception {
    List<Documented> documented = documented();
    assertThat(documented.stream().mapToInt(d -> d.names().size()).sum())
        .as("metric names parsed from %s", DOC)
        .isGreaterThan(25);
    recordOneOfEverything();
    Map<String, Family> exposed = families(metrics.scrape());

    for (Documented row : documented) {
      for (String name : row.names()) {
        assertThat(exposed).as("documented metric %s on /metrics", name).containsKey(name);
        Family family = exposed.get(name);
        assertThat(family.type()).as("type of %s", name).isEqualTo(expectedType(name, row));
        assertThat(family.labels()).as("labels of %s", name).isEqualTo(row.labels());
      }
    }
  }

  @Test
  void promtoolAcceptsTheExposition() throws Exception {
    recordOneOfEverything();
    Promtool.Result lint =
        Promtool.run(
            Path.of("."), metrics.scrape().getBytes(StandardCharsets.UTF_8), "check", "metrics");
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void perEnvironmentSeriesFollowTheEnvironment() {
    metrics.environment(gauges("qa", "queued", 7));
    metrics.environment(gauges("prod", null, 0));
    assertThat(metrics.scrape())
        .contains(
            "envops_environment_deploy_request_state{name=\"qa\",namespace=\"envops\","
                + "number=\"7\",state=\"queued\"} 1.0")
        .doesNotContain("envops_environment_deploy_request_state{name=\"prod\"");

    metrics.environment(gauges("qa", "complete", 8));
    assertThat(metrics.scrape())
        .contains(
            "envops_environment_deploy_request_state{name=\"qa\",namespace=\"envops\","
                + "number=\"8\",state=\"complete\"} 1.0")
        .doesNotContain("state=\"queued\"");

    metrics.forget("envops", "qa");
    assertThat(metrics.scrape()).doesNotContain("name=\"qa\"").contains("name=\"prod\"");
    assertThat(metrics.environment("envops", "qa")).isNull();
  }

  @Test
  void reconcilesAreCountedByResult() {
    for (int i = 0; i < 3; i++) {
      metrics.reconciled("success");
    }
    metrics.reconciled("error");

    assertThat(metrics.scrape())
        .contains("envops_reconciles_total{result=\"success\"} 3.0")
        .contains("envops_reconciles_total{result=\"error\"} 1.0")
        .doesNotContain("result=\"budget_wait\"");
  }

  private void recordOneOfEverything() {
    metrics.reconciled("success");
    metrics.cloudCall("lightsail:GetContainerServices", "success");
    metrics.rollout("succeeded");
    metrics.deployRequest("created");
    metrics.deployRequestStateSeconds("queued", 2.5);
    metrics.bumpToReady(42);
    metrics.environment(gauges("qa", "queued", 7));
    PlanetScaleBudget budget = new PlanetScaleBudget(10, Duration.ofSeconds(1));
    budget.admit("acme");
    metrics.planetScaleBudget(budget);
  }

  private static EnvironmentGauges gauges(String name, String state, long number) {
    return new EnvironmentGauges(
        "envops",
        name,
        "Ready",
        true,
        false,
        false,
        2,
        2,
        2,
        1.7e9,
        "2023-11-14T22:13:20Z",
        state,
        number);
  }

  private static String expectedType(String name, Documented row) {
    if (row.type() != null) {
      return row.type();
    }
    return name.endsWith("_total") ? "counter" : "gauge";
  }

  /** The rows of the table in the "Metrics and health" section. */
  static List<Documented> documented() throws Exception {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("\n## Metrics and health");
    assertThat(start).as("Metrics and health section of %s", DOC).isPositive();
    int end = doc.indexOf("\n## ", start + 1);
    List<Documented> rows = new ArrayList<>();
    for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
      String[] cells = line.split("\\|");
      if (!line.startsWith("| `") || cells.length < 3) {
        continue;
      }
      List<String> names = new ArrayList<>();
      Matcher m = CODE.matcher(cells[1]);
      while (m.find()) {
        String token = m.group(1);
        if (!METRIC.matcher(token).matches()) {
          continue;
        }
        if (token.startsWith("_")) {
          // `jvm_memory_bytes_used`/`_committed`: the previous name with its last part replaced.
          String previous = names.get(names.size() - 1);
          token = previous.substring(0, previous.lastIndexOf('_')) + token;
        }
        names.add(token);
      }
      Set<String> labels = new TreeSet<>();
      Matcher l = CODE.matcher(cells[2]);
      while (l.find()) {
        if (LABEL.matcher(l.group(1)).matches()) {
          labels.add(l.group(1));
        }
      }
      String type =
          cells[2].contains("histogram")
              ? "histogram"
              : cells[2].contains("summary") ? "summary" : null;
      rows.add(new Documented(names, labels, type));
    }
    return rows;
  }

  /** One metric family of the exposition: its type and the label names of its samples. */
  record Family(String type, Set<String> labels) {}

  private static Map<String, Family> families(String exposition) {
    Map<String, Family> families = new LinkedHashMap<>();
    Family current = null;
    for (String line : exposition.split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        current = new Family(type.group(2), new TreeSet<>());
        families.put(type.group(1), current);
      } else if (!line.startsWith("#") && !line.isBlank() && current != null) {
        int brace = line.indexOf('{');
        if (brace >= 0) {
          Matcher label = SAMPLE_LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
          while (label.find()) {
            if (!label.group(1).equals("le") && !label.group(1).equals("quantile")) {
              current.labels().add(label.group(1));
            }
          }
        }
      }
    }
    return families;
  }
}
