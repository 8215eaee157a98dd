package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.lightsail.ContainerServiceSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The main path: create, roll out, bump the tag, and stay quiet when nothing changed. */
class RolloutTest {

  private static final List<String> LIGHTSAIL_WRITES =
      List.of(
          "CreateContainerService",
          "UpdateContainerService",
          "CreateContainerServiceDeployment",
          "DeleteContainerService");

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
  void createsServiceAndDeploymentThenBecomesReadyWithConditionsAndHistory() {
    String digest = h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    EnvironmentStatus status = h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    ContainerServiceSnapshot service = h.lightsail().service("qa-service").orElseThrow();
    assertThat(service.power()).isEqualTo("nano");
    assertThat(service.ecrImagePullerRole().isActive()).isTrue();
    assertThat(h.lightsail().callCount("CreateContainerService")).isEqualTo(1);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(1);
    assertThat(status.getImage().getTag()).isEqualTo("v1");
    assertThat(status.getImage().getDigest()).isEqualTo(digest);
    assertThat(status.getGitRef()).isEqualTo("main");
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getLightsail().getState()).isEqualTo("ACTIVE");
    assertThat(status.getLightsail().getServingVersion())
        .isEqualTo(status.getLightsail().getDeploymentVersion());
    assertThat(status.getLightsail().getUrl()).isEqualTo(service.url());
    assertThat(hasCondition(status, "Deployed", "True", "DeploymentActive")).isTrue();
    Condition ready = status.condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getObservedGeneration()).isEqualTo(1L);
    assertThat(ready.getLastTransitionTime()).isNotBlank();
    assertThat(status.getHistory()).hasSize(1);
    HistoryEntry entry = status.getHistory().get(0);
    assertThat(entry.getResult()).isEqualTo("Succeeded");
    assertThat(entry.getImage()).isEqualTo(h.repositoryUri() + ":v1@" + digest);
    assertThat(entry.getDeploymentVersion())
        .isEqualTo(status.getLightsail().getDeploymentVersion());
    assertThat(entry.getStartedAt()).isNotBlank();
    assertThat(entry.getFinishedAt()).isNotBlank();
    assertThat(h.events("qa"))
        .extracting(e -> e.getReason())
        .contains("ServiceCreated", "DeploymentCreated", "DeploymentActive", "Ready");
    assertThat(h.ecr().repositoryPolicy(OperatorHarness.REPOSITORY))
        .contains(service.ecrImagePullerRole().principalArn());
    assertThat(h.metrics().scrape())
        .contains("envops_rollouts_total{result=\"succeeded\"} 1")
        .contains("envops_bump_to_ready_seconds_count 1");
  }

  @Test
  void tagBumpCreatesExactlyOneNewDeployment() {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    String v2 = h.push("v2");

    h.edit(
        "qa",
        e -> {
          e.getSpec().getImage().setTag("v2");
          e.getSpec().setGitRef("abc123");
          return e;
        });

    EnvironmentStatus status =
        h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready && s.getObservedGeneration() == 2);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(2);
    assertThat(h.lightsail().callCount("CreateContainerService")).isEqualTo(1);
    assertThat(status.getImage().getDigest()).isEqualTo(v2);
    assertThat(status.getGitRef()).isEqualTo("abc123");
    assertThat(status.getHistory())
        .extracting(HistoryEntry::getResult)
        .containsExactly("Succeeded", "Succeeded");
    assertThat(status.getHistory().get(0).getGitRef()).isEqualTo("abc123");
    assertThat(
            h.lightsail()
                .service("qa-service")
                .orElseThrow()
                .currentDeployment()
                .orElseThrow()
                .containers()
                .get("qa")
                .image())
        .isEqualTo(h.repositoryUri() + ":v2");
  }

  @Test
  void reconcilingAgainWithNothingChangedMakesNoWriteCallAndNoStatusPatch() throws Exception {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    String resourceVersion = h.get("qa").getMetadata().getResourceVersion();

    // A restart reconciles every Environment from scratch: the best test of steady state.
    h.stopOperator();
    h.lightsail().resetCalls();
    h.ecr().resetCalls();
    h.start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.lightsail().callCount("GetContainerServices") >= 1);
    // The whole pass (and any status patch it would make) must leave the resource untouched.
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(3))
        .until(() -> resourceVersion.equals(h.get("qa").getMetadata().getResourceVersion()));
    assertThat(LIGHTSAIL_WRITES)
        .allSatisfy(op -> assertThat(h.lightsail().callCount(op)).as(op).isZero());
    assertThat(h.ecr().callCount("SetRepositoryPolicy")).isZero();
  }
}
