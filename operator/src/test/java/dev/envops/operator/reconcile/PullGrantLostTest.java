package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.lightsail.DeploymentSnapshot;
import dev.envops.sandbox.lightsail.DeploymentState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ECR's SetRepositoryPolicy replaces the whole policy with no condition, so another writer (an
 * operator of another shard granting prod on the same repository, a person, a tool) can drop the
 * grant between its write and Lightsail's pull. A deployment that FAILED while its grant was gone
 * is deployed again once the grant is back; one that failed with the grant in place is not.
 */
class PullGrantLostTest {

  private static final String SOMEONE_ELSES =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ci\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/ci\"},"
          + "\"Action\":[\"ecr:PutImage\"]}]}";

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create();
    h.lightsail().activationDelay(Duration.ofMillis(300));
    h.start();
    h.push("v1");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aGrantDroppedBeforeThePullIsWrittenAgainAndTheRevisionDeployedOnce() {
    AtomicInteger dropped = new AtomicInteger();
    dropGrantAfterDeployments(1, dropped);

    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    assertThat(dropped).hasValue(1);
    List<DeploymentSnapshot> deployments =
        h.lightsail().service("qa-service").orElseThrow().deployments();
    assertThat(deployments)
        .extracting(DeploymentSnapshot::state)
        .containsExactlyInAnyOrder(DeploymentState.FAILED, DeploymentState.ACTIVE);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(2);
    assertThat(h.awaitEvent("qa", "Warning", "PullAccessRestored").getMessage())
        .contains("v1", "qa-service", OperatorHarness.REPOSITORY);
    assertThat(h.ecr().repositoryPolicy(OperatorHarness.REPOSITORY))
        .contains(
            "arn:aws:iam::123456789012:role/ci",
            h.lightsail().service("qa-service").orElseThrow().ecrImagePullerRole().principalArn());
  }

  @Test
  void aGrantDroppedAtEveryAttemptEndsFailedAfterTheLastRetry() {
    AtomicInteger dropped = new AtomicInteger();
    dropGrantAfterDeployments(Integer.MAX_VALUE, dropped);

    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    EnvironmentStatus failed = h.awaitStatus("qa", s -> s.getPhase() == Phase.Failed);
    assertThat(failed.condition("Ready").orElseThrow().getReason()).isEqualTo("DeploymentFailed");
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment"))
        .isEqualTo(1 + DeploymentStep.PULL_ACCESS_REDEPLOYS);
    assertThat(h.lightsail().service("qa-service").orElseThrow().deployments())
        .allMatch(d -> d.state() == DeploymentState.FAILED);
  }

  /** After each of the first {@code times} deployments, another writer replaces the policy. */
  private void dropGrantAfterDeployments(int times, AtomicInteger dropped) {
    h.lightsail()
        .faults()
        .afterCall(
            operation -> {
              if (operation.equals("CreateContainerServiceDeployment") && dropped.get() < times) {
                dropped.incrementAndGet();
                h.ecr().repositoryPolicy(OperatorHarness.REPOSITORY, SOMEONE_ELSES);
              }
            });
  }
}
