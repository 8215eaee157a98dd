package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    // A resync far beyond the test's patience: only the event source can unblock prod in time.
    h = OperatorHarness.create(Map.of("ENVOPS_RESYNC_PERIOD", "10m")).start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void prodWaitsForADigestQaHasBeenReadyWithAndMovesWhenQaIsReady() {
    String v1 = h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.apply(
        Environments.requiringReadyIn(
            Environments.bookings("prod", h.repositoryUri(), "v1"), "qa"));
    EnvironmentStatus prodV1 = h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(prodV1.getImage().getDigest()).isEqualTo(v1);

    String v2 = h.push("v2");
    h.edit(
        "prod",
        e -> {
          e.getSpec().getImage().setTag("v2");
          return e;
        });
    EnvironmentStatus blocked = h.awaitStatus("prod", s -> s.getPhase() == Phase.Blocked);
    assertThat(hasCondition(blocked, "Ready", "False", "AwaitingPromotion")).isTrue();
    assertThat(blocked.condition("Ready").orElseThrow().getMessage()).contains(v2, "qa");
    assertThat(
            h.lightsail()
                .service("prod-service")
                .orElseThrow()
                .currentDeployment()
                .orElseThrow()
                .containers()
                .values()
                .iterator()
                .next()
                .image())
        .endsWith(":v1");

    h.edit(
        "qa",
        e -> {
          e.getSpec().getImage().setTag("v2");
          return e;
        });

    EnvironmentStatus promoted =
        h.awaitStatus(
            "prod", s -> s.getPhase() == Phase.Ready && v2.equals(s.getImage().getDigest()));
    assertThat(promoted.getHistory()).hasSize(2);
  }

  @Test
  void missingSourceEnvironmentBlocksWithItsName() {
    h.push("v1");
    h.apply(
        Environments.requiringReadyIn(
            Environments.bookings("prod", h.repositoryUri(), "v1"), "qa"));

    EnvironmentStatus blocked = h.awaitStatus("prod", s -> s.getPhase() == Phase.Blocked);

    assertThat(hasCondition(blocked, "Ready", "False", "PromotionSourceNotFound")).isTrue();
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();
  }

  @Test
  void aRollbackToAnImageThisEnvironmentServedPassesTheGateWithoutQa() {
    String v1 = h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.apply(
        Environments.requiringReadyIn(
            Environments.bookings("prod", h.repositoryUri(), "v1"), "qa"));
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    h.push("v2");
    h.edit("qa", tag("v2"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready && s.getImage().getTag().equals("v2"));
    h.edit("prod", tag("v2"));
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready && s.getImage().getTag().equals("v2"));
    // QA is re-created: its history no longer holds v1.
    h.client()
        .resources(dev.envops.operator.environment.Environment.class)
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName("qa")
        .delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("qa") == null);
    h.push("v3");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v3"));

    h.edit("prod", tag("v1"));

    EnvironmentStatus rolledBack =
        h.awaitStatus(
            "prod", s -> s.getPhase() == Phase.Ready && v1.equals(s.getImage().getDigest()));
    assertThat(rolledBack.getHistory().get(0).getAdmittedBy()).isEqualTo("OwnHistory");
    assertThat(rolledBack.getHistory().get(1).getAdmittedBy()).isEqualTo("ReadyIn qa");
  }

  @Test
  void anEmergencyOverrideLetsAnImageThroughAndIsRecorded() {
    h.push("v1");
    h.apply(
        Environments.requiringReadyIn(
            Environments.bookings("prod", h.repositoryUri(), "v1"), "qa"));
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Blocked);

    h.edit(
        "prod",
        e -> {
          e.getSpec().getPromotion().setEmergencyOverride("INC-42 hotfix");
          return e;
        });

    EnvironmentStatus ready = h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(ready.getHistory().get(0).getAdmittedBy())
        .isEqualTo("EmergencyOverride: INC-42 hotfix");
    assertThat(h.awaitEvent("prod", "Warning", "PromotionGateOverridden").getMessage())
        .contains("INC-42");
  }

  private static java.util.function.UnaryOperator<dev.envops.operator.environment.Environment> tag(
      String tag) {
    return e -> {
      e.getSpec().getImage().setTag(tag);
      return e;
    };
  }
}
