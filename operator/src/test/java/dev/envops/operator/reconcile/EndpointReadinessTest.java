package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.lightsail.Activation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ready also needs the public URL to answer the health path (a loopback app here). */
class EndpointReadinessTest {

  private final AtomicInteger status = new AtomicInteger(503);
  private HttpServer app;
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/health",
        ex -> {
          ex.sendResponseHeaders(status.get(), -1);
          ex.close();
        });
    app.start();
    URI url = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/");
    h = OperatorHarness.create(Map.of("ENVOPS_PROBE_ENDPOINT", "true"));
    h.lightsail().runtime((service, deployment) -> Activation.passedAt(url));
    h.start();
  }

  @AfterEach
  void stop() {
    h.close();
    app.stop(0);
  }

  @Test
  void activeDeploymentIsReadyOnlyOnceTheEndpointAnswers() {
    h.push("v1");
    var env = Environments.bookings("qa", h.repositoryUri(), "v1");
    env.getSpec().getLightsail().getHealthCheck().setPath("/health");
    env.getSpec().getLightsail().getHealthCheck().setSuccessCodes("200-299");
    h.apply(env);

    EnvironmentStatus waiting =
        h.awaitStatus("qa", s -> hasCondition(s, "Ready", "False", "EndpointNotAnswering"));
    assertThat(hasCondition(waiting, "Deployed", "True", "DeploymentActive")).isTrue();
    assertThat(waiting.condition("Ready").orElseThrow().getMessage()).contains("HTTP 503");

    status.set(200);

    EnvironmentStatus ready = h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    assertThat(ready.getLightsail().getUrl()).startsWith("http://127.0.0.1:");
  }
}
