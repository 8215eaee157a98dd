package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.context;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import org.junit.jupiter.api.Test;

/** SuspendStep alone (see {@link StepFixtures}). */
class SuspendStepTest {

  private final SuspendStep step = new SuspendStep(CONFIG);

  @Test
  void aSuspendedEnvironmentStopsThePass() {
    Environment env = StepFixtures.env();
    env.getSpec().setSuspend(true);
    RolloutContext ctx = context(env);

    StepResult result = step.run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Suspended);
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.SUSPENDED.wire());
    assertThat(ctx.events()).isEmpty();
  }

  @Test
  void anEnvironmentNotSuspendedGoesOn() {
    Environment env = StepFixtures.env();
    env.getSpec().setSuspend(false);
    RolloutContext ctx = context(env);

    assertThat(step.run(ctx).stops()).isFalse();
    assertThat(ctx.status().getConditions()).isEmpty();
  }
}
