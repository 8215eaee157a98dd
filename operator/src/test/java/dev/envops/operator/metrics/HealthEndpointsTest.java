package dev.envops.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz and /metrics of a running operator. */
class HealthEndpointsTest {

  private final HttpClient http = HttpClient.newHttpClient();
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
  void servesHealthReadinessAndPrometheusMetrics() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("/readyz").statusCode() == 200);

    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.body())
        .contains("# TYPE envops_reconciles_total counter")
        .containsPattern("envops_reconciles_total\\{result=\"success\"} [1-9]")
        .contains(
            "envops_cloud_calls_total{api=\"lightsail:CreateContainerServiceDeployment\","
                + "outcome=\"success\"} 1")
        .contains("envops_cloud_calls_total{api=\"ecr:DescribeImages\",outcome=\"success\"}")
        .contains("envops_rollouts_total{result=\"succeeded\"} 1")
        .contains("# TYPE envops_bump_to_ready_seconds histogram")
        .contains("envops_bump_to_ready_seconds_count 1");
  }

  @Test
  void perEnvironmentGaugesJvmMetricsAndAFormatPromtoolAccepts() throws Exception {
    h.push("v1");
    h.push("broken-v2");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    String ready = get("/metrics").body();
    assertThat(ready)
        .contains("envops_environment_ready{name=\"qa\",namespace=\"envops\"} 1.0")
        .contains("envops_environment_phase{name=\"qa\",namespace=\"envops\",phase=\"Ready\"} 1")
        .contains("envops_environment_phase{name=\"qa\",namespace=\"envops\",phase=\"Failed\"} 0")
        .contains("envops_environment_stalled{name=\"qa\",namespace=\"envops\"} 0.0")
        .contains("envops_environment_serving_generation{name=\"qa\",namespace=\"envops\"} 1.0")
        .containsPattern(
            "envops_environment_last_rollout_timestamp_seconds\\{name=\"qa\",namespace=\"envops\"}"
                + " 1\\.[0-9]+E9")
        .contains("# TYPE process_cpu_seconds_total counter")
        .contains("jvm_memory_bytes_used{area=\"heap\"}")
        .contains("jvm_threads_current");
    Promtool.Result lint =
        Promtool.run(
            java.nio.file.Path.of("."),
            ready.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "check",
            "metrics");
    // promtool check metrics fails on a parse error and on every lint hint (names, HELP, units).
    assertThat(lint.exitCode()).as(lint.output()).isZero();

    h.edit(
        "qa",
        e -> {
          e.getSpec().getImage().setTag("broken-v2");
          return e;
        });
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Failed);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                get("/metrics")
                    .body()
                    .contains("envops_environment_stalled{name=\"qa\",namespace=\"envops\"} 1.0"));
    String failed = get("/metrics").body();
    assertThat(failed)
        .contains("envops_environment_ready{name=\"qa\",namespace=\"envops\"} 0.0")
        .contains("envops_environment_phase{name=\"qa\",namespace=\"envops\",phase=\"Failed\"} 1")
        .contains("envops_environment_generation{name=\"qa\",namespace=\"envops\"} 2.0")
        .contains("envops_environment_serving_generation{name=\"qa\",namespace=\"envops\"} 1.0");

    h.client()
        .resources(dev.envops.operator.environment.Environment.class)
        .inNamespace("envops")
        .withName("qa")
        .delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !get("/metrics").body().contains("name=\"qa\""));
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + h.operator().healthPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
