package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.Phase;

/** Step 2: a suspended Environment touches nothing. */
public final class SuspendStep implements RolloutStep {

  private final OperatorConfig config;

  public SuspendStep(OperatorConfig config) {
    this.config = config;
  }

  @Override
  public StepResult run(RolloutContext ctx) {
    if (!ctx.spec().suspended()) {
      return StepResult.proceed();
    }
    ctx.notReady(Phase.Suspended, Reason.SUSPENDED, "spec.suspend is true: nothing is rolled out");
    return StepResult.requeue(config.resyncPeriod());
  }
}
