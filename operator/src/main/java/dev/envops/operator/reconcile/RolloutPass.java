package dev.envops.operator.reconcile;

import dev.envops.operator.accounts.AccountLookup;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.lightsail.DesiredDeployment;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.DeployRequests;

/**
 * The steps of one reconcile pass, in the order of docs/design.md's steps table. What a step finds
 * out for later ones (the image, the service, the deployment) is its typed output and their input,
 * so a step placed before what it needs does not compile.
 */
public final class RolloutPass {

  private final ValidateStep validate;
  private final SuspendStep suspend;
  private final SecretEnvStep secretEnv;
  private final ImageResolveStep imageResolve;
  private final PromotionGateStep promotionGate;
  private final JointRollbackStep rollbackBefore;
  private final SchemaPromotionStep schemaBefore;
  private final ContainerServiceStep containerService;
  private final DeploymentStep deployment;
  private final SchemaPromotionStep schemaAfter;
  private final JointRollbackStep rollbackAfter;
  private final ReadinessStep readiness;
  private final RevertWindowStep revertWindow;

  private RolloutPass(
      OperatorConfig config,
      AccountLookup accounts,
      DeployRequests planetScale,
      EndpointProbe probe,
      OperatorMetrics metrics) {
    validate = new ValidateStep(config);
    suspend = new SuspendStep(config);
    secretEnv = new SecretEnvStep(config);
    imageResolve = new ImageResolveStep(config, accounts);
    promotionGate = new PromotionGateStep(config);
    rollbackBefore =
        new JointRollbackStep(config, planetScale, JointRollbackStep.Stage.BEFORE_ROLLOUT);
    schemaBefore =
        new SchemaPromotionStep(
            config, planetScale, metrics, SchemaPromotionStep.Stage.BEFORE_ROLLOUT);
    containerService = new ContainerServiceStep(config, accounts);
    deployment = new DeploymentStep(config, accounts, metrics);
    schemaAfter =
        new SchemaPromotionStep(
            config, planetScale, metrics, SchemaPromotionStep.Stage.AFTER_ROLLOUT);
    rollbackAfter =
        new JointRollbackStep(config, planetScale, JointRollbackStep.Stage.AFTER_ROLLOUT);
    readiness = new ReadinessStep(config, probe, metrics);
    revertWindow = new RevertWindowStep(config, planetScale, metrics);
  }

  /** The operator's pass (DESIGN's steps 1 to 13). */
  public static RolloutPass standard(
      OperatorConfig config,
      AccountLookup accounts,
      DeployRequests planetScale,
      EndpointProbe probe,
      OperatorMetrics metrics) {
    return new RolloutPass(config, accounts, planetScale, probe, metrics);
  }

  /** Runs the steps in order until one stops the pass; proceeds when all ran. */
  public StepResult run(RolloutContext ctx) throws Exception {
    StepResult stop = first(ctx, validate, suspend, secretEnv); // 1 to 3
    if (stop.stops()) {
      return stop;
    }
    Outcome<DeployedImage> resolved = imageResolve.run(ctx); // 4
    if (resolved.stops()) {
      return resolved.result();
    }
    DeployedImage image = resolved.value();
    stop = first(ctx, image, promotionGate, rollbackBefore, schemaBefore); // 5 to 7
    if (stop.stops()) {
      return stop;
    }
    Outcome<SeenService> service = containerService.run(ctx); // 8
    if (service.stops()) {
      return service.result();
    }
    Outcome<DesiredDeployment> deployed = deployment.run(ctx, image, service.value()); // 9
    if (deployed.stops()) {
      return deployed.result();
    }
    stop = first(ctx, image, schemaAfter, rollbackAfter); // 10 and 11
    if (stop.stops()) {
      return stop;
    }
    stop = readiness.run(ctx, image, deployed.value()); // 12
    if (stop.stops()) {
      return stop;
    }
    return revertWindow.run(ctx, image); // 13
  }

  /** Forgets what the steps kept about the Environment with {@code uid} (it was deleted). */
  public void forget(String uid) {
    validate.forget(uid);
  }

  private static StepResult first(RolloutContext ctx, RolloutStep... steps) throws Exception {
    for (RolloutStep step : steps) {
      StepResult result = step.run(ctx);
      if (result.stops()) {
        return result;
      }
    }
    return StepResult.proceed();
  }

  private static StepResult first(RolloutContext ctx, DeployedImage image, ImageStep... steps)
      throws Exception {
    for (ImageStep step : steps) {
      StepResult result = step.run(ctx, image);
      if (result.stops()) {
        return result;
      }
    }
    return StepResult.proceed();
  }
}
