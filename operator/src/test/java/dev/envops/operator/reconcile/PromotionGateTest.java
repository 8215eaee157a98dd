package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
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
    h.edit("prod", e -> {
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

    h.edit("qa", e -> {
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
}
