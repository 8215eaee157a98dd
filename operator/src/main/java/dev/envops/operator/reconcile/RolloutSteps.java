package dev.envops.operator.reconcile;

import dev.envops.operator.accounts.AccountLookup;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.DeployRequests;
import java.util.List;

/**
 * The ordered steps of one reconcile pass (DESIGN.md "Reconcile"). Seams for the next steps: {@code
 * PromotionGateStep} (step 3) goes right after {@link SuspendStep}, and {@code SchemaPromotionStep}
 * (step 5) right after {@link ImageResolveStep}, before anything touches Lightsail.
 */
public final class RolloutSteps {

  private RolloutSteps() {}

  /** Steps 1 to 7 in order. */
  public static List<ReconcileStep> standard(
      OperatorConfig config,
      AccountLookup accounts,
      DeployRequests planetScale,
      EndpointProbe probe,
      OperatorMetrics metrics) {
    return List.of(
        new ValidateStep(config),
        new SuspendStep(config),
        new SecretEnvStep(config),
        new ImageResolveStep(config, accounts),
        new PromotionGateStep(config),
        new JointRollbackStep(config, planetScale, JointRollbackStep.Stage.BEFORE_ROLLOUT),
        new SchemaPromotionStep(
            config, planetScale, metrics, SchemaPromotionStep.Stage.BEFORE_ROLLOUT),
        new ContainerServiceStep(config, accounts),
        new DeploymentStep(config, accounts, metrics),
        new SchemaPromotionStep(
            config, planetScale, metrics, SchemaPromotionStep.Stage.AFTER_ROLLOUT),
        new JointRollbackStep(config, planetScale, JointRollbackStep.Stage.AFTER_ROLLOUT),
        new ReadinessStep(config, probe, metrics),
        new RevertWindowStep(config, planetScale, metrics));
  }
}
