package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.ecr.EcrImages;
import dev.envops.operator.ecr.EcrPullAccess;
import dev.envops.operator.ecr.RegistryAccount;
import dev.envops.operator.lightsail.ContainerServices;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.PlanetScaleClient;
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
      EcrImages images,
      RegistryAccount account,
      EcrPullAccess pullAccess,
      ContainerServices lightsail,
      PlanetScaleClient planetScale,
      EndpointProbe probe,
      OperatorMetrics metrics) {
    return List.of(
        new ValidateStep(config),
        new SuspendStep(config),
        new SecretEnvStep(config),
        new ImageResolveStep(config, images, account),
        new PromotionGateStep(config),
        new JointRollbackStep(config, planetScale, JointRollbackStep.Stage.BEFORE_ROLLOUT),
        new SchemaPromotionStep(
            config, planetScale, metrics, SchemaPromotionStep.Stage.BEFORE_ROLLOUT),
        new ContainerServiceStep(config, lightsail),
        new DeploymentStep(config, lightsail, pullAccess, metrics),
        new SchemaPromotionStep(
            config, planetScale, metrics, SchemaPromotionStep.Stage.AFTER_ROLLOUT),
        new JointRollbackStep(config, planetScale, JointRollbackStep.Stage.AFTER_ROLLOUT),
        new ReadinessStep(config, probe, metrics),
        new RevertWindowStep(config, planetScale, metrics));
  }
}
