package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.lightsail.DeploymentSnapshot;
import dev.envops.sandbox.lightsail.DeploymentState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ECR image puller role of a new service shows its principal only a while after activation, and
 * ECR refuses it until IAM knows it: the operator waits, and deploys once, after the grant.
 */
class PullerRoleTimingTest {

  private static final String WAITING = "WaitingForPullerRole";

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aPrincipalShowingThreeSecondsAfterActivationMeansOneDeploymentAfterTheGrant()
      throws Exception {
    h = OperatorHarness.create();
    h.lightsail().pullerRoleDelay(Duration.ofSeconds(3)).iamPropagationDelay(Duration.ZERO);
    h.start();
    h.push("v1");
    List<String> reasons = new CopyOnWriteArrayList<>();
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    EnvironmentStatus waiting =
        h.awaitStatus(
            "qa",
            s -> s.condition("Deployed").map(c -> WAITING.equals(c.getReason())).orElse(false));
    assertThat(waiting.getPhase()).isEqualTo(Phase.Deploying);
    assertThat(waiting.condition("Ready").orElseThrow().getMessage())
        .contains("puller role", "qa-service");
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();

    EnvironmentStatus ready =
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> {
                  EnvironmentStatus s = h.get("qa").getStatus();
                  s.condition("Ready").ifPresent(c -> reasons.add(c.getReason()));
                  return s;
                },
                s -> s.getPhase() == Phase.Ready);
    assertThat(ready.getPhase()).isEqualTo(Phase.Ready);
    List<DeploymentSnapshot> deployments =
        h.lightsail().service("qa-service").orElseThrow().deployments();
    assertThat(deployments).hasSize(1);
    assertThat(deployments).noneMatch(d -> d.state() == DeploymentState.FAILED);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(1);
    assertThat(h.ecr().callCount("SetRepositoryPolicy")).isEqualTo(1);
    assertThat(reasons).doesNotContain("DeploymentFailed");
  }

  @Test
  void principalNotFoundIsWaitedOutAsTransient() throws Exception {
    h = OperatorHarness.create();
    h.lightsail()
        .pullerRoleDelay(Duration.ofMillis(100))
        .iamPropagationDelay(Duration.ofSeconds(2));
    h.start();
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    EnvironmentStatus refused =
        h.awaitStatus(
            "qa",
            s ->
                s.condition("Deployed")
                    .map(
                        c ->
                            WAITING.equals(c.getReason())
                                && c.getMessage().contains("Principal not found"))
                    .orElse(false));
    assertThat(refused.getPhase()).isEqualTo(Phase.Deploying);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();

    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    List<DeploymentSnapshot> deployments =
        h.lightsail().service("qa-service").orElseThrow().deployments();
    assertThat(deployments).hasSize(1);
    assertThat(deployments.get(0).state()).isEqualTo(DeploymentState.ACTIVE);
    assertThat(h.ecr().callCount("SetRepositoryPolicy")).isGreaterThan(1);
    assertThat(h.ecr().repositoryPolicy(OperatorHarness.REPOSITORY))
        .contains(
            h.lightsail().service("qa-service").orElseThrow().ecrImagePullerRole().principalArn());
  }

  @Test
  void aBulkBumpReadsNoRepositoryPolicyPerRollout() throws Exception {
    h = OperatorHarness.create().start();
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.apply(Environments.bookings("prod", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    h.ecr().resetCalls();

    for (String tag : List.of("v2", "v3", "v4")) {
      h.push(tag);
      for (String env : List.of("qa", "prod")) {
        h.edit(
            env,
            e -> {
              e.getSpec().getImage().setTag(tag);
              return e;
            });
      }
      for (String env : List.of("qa", "prod")) {
        h.awaitStatus(env, s -> s.getPhase() == Phase.Ready && tag.equals(s.getImage().getTag()));
      }
    }

    assertThat(h.lightsail().service("qa-service").orElseThrow().deployments()).hasSize(4);
    assertThat(h.ecr().callCount("GetRepositoryPolicy")).isZero();
    assertThat(h.ecr().callCount("SetRepositoryPolicy")).isZero();
  }
}
