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

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + h.operator().healthPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
