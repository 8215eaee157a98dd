package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.lightsail.DeploymentSnapshot;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FAILED deployments, drift, invalid specs and missing images. */
class FailurePathTest {

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
  void failedDeploymentIsReportedAndThePreviousOneStaysRecordedAsServing() {
    String v1 = h.push("v1");
    h.push("broken-v2");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    EnvironmentStatus ready = h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    long servingVersion = ready.getLightsail().getDeploymentVersion();

    h.edit(
        "qa",
        e -> {
          e.getSpec().getImage().setTag("broken-v2");
          return e;
        });

    EnvironmentStatus failed = h.awaitStatus("qa", s -> s.getPhase() == Phase.Failed);
    assertThat(hasCondition(failed, "Deployed", "False", "DeploymentFailed")).isTrue();
    assertThat(hasCondition(failed, "Ready", "False", "DeploymentFailed")).isTrue();
    assertThat(failed.condition("Ready").orElseThrow().getMessage())
        .contains("FAILED", "broken-v2", "v" + servingVersion + " keeps serving");
    assertThat(failed.getImage().getTag()).isEqualTo("v1");
    assertThat(failed.getImage().getDigest()).isEqualTo(v1);
    assertThat(failed.getLightsail().getServingVersion()).isEqualTo(servingVersion);
    assertThat(failed.getLightsail().getState()).isEqualTo("FAILED");
    assertThat(failed.getHistory())
        .extracting(HistoryEntry::getResult)
        .containsExactly("Failed", "Succeeded");
    assertThat(h.events("qa"))
        .anyMatch(e -> "DeploymentFailed".equals(e.getReason()) && "Warning".equals(e.getType()));
    // The broken revision is not retried in a loop: it waits for a new revision.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> h.lightsail().callCount("CreateContainerServiceDeployment") == 2);

    h.push("v3");
    h.edit(
        "qa",
        e -> {
          e.getSpec().getImage().setTag("v3");
          return e;
        });
    EnvironmentStatus recovered =
        h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready && "v3".equals(s.getImage().getTag()));
    assertThat(recovered.getHistory())
        .extracting(HistoryEntry::getResult)
        .containsExactly("Succeeded", "Failed", "Succeeded");
  }

  @Test
  void outOfBandDeploymentIsReportedAndCorrected() {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.push("hotfix");

    int manual =
        h.lightsail()
            .deployOutOfBand(
                "qa-service", h.repositoryUri() + ":hotfix", Map.of("LISTEN", "0.0.0.0:80"));

    EnvironmentStatus corrected =
        h.awaitStatus(
            "qa",
            s -> s.getPhase() == Phase.Ready && s.getLightsail().getDeploymentVersion() > manual);
    DeploymentSnapshot serving =
        h.lightsail().service("qa-service").orElseThrow().currentDeployment().orElseThrow();
    assertThat((long) serving.version()).isEqualTo(corrected.getLightsail().getDeploymentVersion());
    assertThat(serving.containers().get("qa").image()).isEqualTo(h.repositoryUri() + ":v1");
    assertThat(h.events("qa"))
        .anyMatch(
            e ->
                "DriftDetected".equals(e.getReason())
                    && e.getMessage().contains("out-of-band deployment v" + manual));
    // The phase-change event carries the Ready condition's reason at that moment.
    assertThat(h.events("qa"))
        .anyMatch(
            e -> "CorrectingDrift".equals(e.getReason()) && e.getMessage().contains("Deploying"));
  }

  @Test
  void digestMovedUnderTheDeployedTagIsReportedNotRolledOut() {
    String first = h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    String moved = h.push("v1");

    EnvironmentStatus status =
        h.awaitStatus("qa", s -> hasCondition(s, "ImageDigestChanged", "True", "DigestChanged"));
    assertThat(status.condition("ImageDigestChanged").orElseThrow().getMessage())
        .contains(moved, first);
    assertThat(status.getImage().getDigest()).isEqualTo(first);
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
    assertThat(h.events("qa")).anyMatch(e -> "ImageDigestChanged".equals(e.getReason()));
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(1);
  }

  @Test
  void invalidSpecIsRefusedByTheApiServerWithTheFieldAndMakesNoCloudCall() {
    h.push("v1");
    Environment env = Environments.bookings("qa", h.repositoryUri(), "v1");
    env.getSpec().getLightsail().setServiceName("Bookings_Service");

    // The CRD's pattern is enforced at admission; what a schema cannot say ends as InvalidSpec
    // (MalformedEnvironmentTest, ServiceNameConflictTest).
    assertThatThrownBy(() -> h.apply(env))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getDetails().getCauses())
                  .extracting(c -> c.getField())
                  .containsExactly("spec.lightsail.serviceName");
            });
    assertThat(h.get("qa")).isNull();
    assertThat(h.lightsail().calls()).isEmpty();
    assertThat(h.ecr().calls()).isEmpty();
  }

  @Test
  void missingTagIsAConditionRetriedUntilTheImageIsPushed() {
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v9"));

    EnvironmentStatus waiting =
        h.awaitStatus("qa", s -> hasCondition(s, "Ready", "False", "ImageNotFound"));
    assertThat(waiting.getPhase()).isEqualTo(Phase.Pending);
    assertThat(waiting.condition("Ready").orElseThrow().getMessage()).contains("v9");
    assertThat(h.lightsail().calls()).isEmpty();

    String digest = h.push("v9");
    EnvironmentStatus ready = h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    assertThat(ready.getImage().getDigest()).isEqualTo(digest);
  }
}
