package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.DIGEST;
import static dev.envops.operator.reconcile.StepFixtures.NOW;
import static dev.envops.operator.reconcile.StepFixtures.REPO;
import static dev.envops.operator.reconcile.StepFixtures.eventReasons;
import static dev.envops.operator.reconcile.StepFixtures.image;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.fakes.FakeEnvironments;
import dev.envops.operator.fakes.FakeSecrets;
import org.junit.jupiter.api.Test;

/** PromotionGateStep alone, with a fake informer of Environments (see {@link StepFixtures}). */
class PromotionGateStepTest {

  private final PromotionGateStep step = new PromotionGateStep(CONFIG);
  private final FakeEnvironments environments = new FakeEnvironments();
  private final EnvironmentStatus status = new EnvironmentStatus();

  private RolloutContext gated() {
    Environment env = Environments.requiringReadyIn(StepFixtures.env(), "staging");
    RolloutContext ctx = StepFixtures.context(env, status, new FakeSecrets(), environments);
    return ctx;
  }

  private static Environment staging(String digest, boolean ready) {
    Environment staging = StepFixtures.env();
    staging.getMetadata().setName("staging");
    EnvironmentStatus s = new EnvironmentStatus();
    s.setImage(new DeployedImage(REPO, "v1", digest));
    Conditions.set(s, ConditionType.READY, ready ? "True" : "False", "X", "m", 1, NOW);
    staging.setStatus(s);
    return staging;
  }

  @Test
  void anUngatedEnvironmentGoesOn() {
    RolloutContext ctx = StepFixtures.context(StepFixtures.env());

    assertThat(step.run(ctx, image()).stops()).isFalse();
  }

  @Test
  void aMissingSourceBlocks() {
    RolloutContext ctx = gated();

    StepResult result = step.run(ctx, image());

    assertThat(result.requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Blocked);
    assertThat(reason(ctx, ConditionType.READY))
        .isEqualTo(Reason.PROMOTION_SOURCE_NOT_FOUND.wire());
  }

  @Test
  void aDigestNotReadyUpstreamBlocksWithOneEvent() {
    environments.put(staging(DIGEST, false));
    RolloutContext ctx = gated();

    assertThat(step.run(ctx, image()).stops()).isTrue();
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Blocked);
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.AWAITING_PROMOTION.wire());
    assertThat(eventReasons(ctx)).containsExactly(Reason.BLOCKED.wire());

    RolloutContext again = gated();
    step.run(again, image());
    assertThat(again.events()).isEmpty();
  }

  @Test
  void aDigestReadyUpstreamIsAdmitted() {
    environments.put(staging(DIGEST, true));
    RolloutContext ctx = gated();

    assertThat(step.run(ctx, image()).stops()).isFalse();
    assertThat(ctx.status().getAdmittedBy()).isEqualTo("ReadyIn staging");
  }

  @Test
  void anEmergencyOverrideAdmitsWithAWarning() {
    RolloutContext ctx = gated();
    ctx.spec().getPromotion().setEmergencyOverride("INC-42");

    assertThat(step.run(ctx, image()).stops()).isFalse();
    assertThat(ctx.status().getAdmittedBy()).isEqualTo("EmergencyOverride: INC-42");
    assertThat(eventReasons(ctx)).containsExactly(Reason.PROMOTION_GATE_OVERRIDDEN.wire());
  }

  @Test
  void aDigestThisEnvironmentWasReadyWithNeedsNoNewProof() {
    status.setImage(new DeployedImage(REPO, "v1", DIGEST));
    Conditions.set(status, ConditionType.READY, "True", "Ready", "m", 1, NOW);
    RolloutContext ctx = gated();

    assertThat(step.run(ctx, image()).stops()).isFalse();
    assertThat(ctx.status().getAdmittedBy()).isEqualTo("OwnHistory");
  }
}
