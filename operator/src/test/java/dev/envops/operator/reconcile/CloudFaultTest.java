package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Throttling, 5xx and lost answers: the rollout converges with exactly one deployment. */
class CloudFaultTest {

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
  void throttlingAndServerErrorStormConvergesWithoutDuplicateDeployment() {
    String digest = h.push("v1");
    h.lightsail().faults().throttleRate(0.3).errorRate(0.2);
    h.ecr().faults().throttleRate(0.3).errorRate(0.2);
    // Throttles in a row: the SDK retries nothing, each ends a pass into the operator's backoff
    // (the random storm alone sometimes misses ECR: the tag cache makes few calls).
    h.ecr().faults().throttleNext(5);

    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    // Half of all calls fail and none is retried inside a pass, so a pass of k calls gets through
    // with odds 1 in 2^k: 18 to 40 failed passes (250-500 ms of backoff each) before Ready, 6 to
    // 15 s here, more on a busy CI machine. The bound is for a storm, not for the harness's calm.
    EnvironmentStatus status =
        h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready, Duration.ofSeconds(90));
    assertThat(status.getImage().getDigest()).isEqualTo(digest);
    assertThat(h.lightsail().service("qa-service").orElseThrow().deployments()).hasSize(1);
    assertThat(status.getHistory()).hasSize(1);
    // The storm did hit the operator: a call failed and its pass was retried (the first ECR call
    // is DescribeRegistry, the operator's account, then DescribeImages).
    assertThat(h.metrics().scrape())
        .containsPattern(
            "envops_cloud_calls_total\\{api=\"ecr:Describe(Registry|Images)\","
                + "outcome=\"throttled\"\\}");
  }

  @Test
  void answerLostAfterTheDeploymentWasCreatedDoesNotCreateASecondOne() {
    h.push("v1");
    AtomicBoolean dropped = new AtomicBoolean();
    h.lightsail()
        .faults()
        .afterCall(
            op -> {
              if (op.equals("CreateContainerServiceDeployment")
                  && dropped.compareAndSet(false, true)) {
                throw new IllegalStateException(
                    "connection reset after the deployment was created");
              }
            });

    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    EnvironmentStatus status = h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    assertThat(dropped).isTrue();
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(1);
    assertThat(h.lightsail().service("qa-service").orElseThrow().deployments()).hasSize(1);
    assertThat(status.getHistory()).hasSize(1);
    assertThat(status.getHistory().get(0).getResult()).isEqualTo("Succeeded");
  }
}
