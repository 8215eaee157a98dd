package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.lightsail.DesiredDeployment;
import dev.envops.operator.lightsail.HealthCheck;
import dev.envops.operator.metrics.OperatorMetrics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Step 12: Ready when the desired deployment is ACTIVE (the schema steps, when present, ran before)
 * and the service answers its health path. Records the bump-to-Ready time once per rollout.
 */
public final class ReadinessStep {

  private final OperatorConfig config;
  private final EndpointProbe probe;
  private final OperatorMetrics metrics;

  public ReadinessStep(OperatorConfig config, EndpointProbe probe, OperatorMetrics metrics) {
    this.config = config;
    this.probe = probe;
    this.metrics = metrics;
  }

  /** Runs the step on the deployment {@link DeploymentStep} found ACTIVE for {@code image}. */
  public StepResult run(RolloutContext ctx, DeployedImage image, DesiredDeployment deployment) {
    String url = ctx.status().lightsailOrNew().getUrl();
    if (url != null) {
      HealthCheck health = deployment.healthCheck();
      URI target = URI.create(url).resolve(health.path());
      Optional<String> problem = probe.probe(target, health.successCodes());
      if (problem.isPresent()) {
        ctx.notReady(Phase.Deploying, Reason.ENDPOINT_NOT_ANSWERING, problem.get());
        return StepResult.requeue(config.pollInterval());
      }
    }
    String version = String.valueOf(ctx.status().lightsailOrNew().getDeploymentVersion());
    String message =
        image.reference()
            + " serves"
            + (url == null ? "" : " at " + url)
            + " (deployment v"
            + version
            + ")";
    ctx.status().setPhase(Phase.Ready);
    if (ctx.condition(ConditionType.READY, true, Reason.READY, message)) {
      ctx.event(Reason.READY, message);
      recordBumpToReady(ctx);
    }
    return StepResult.proceed();
  }

  private void recordBumpToReady(RolloutContext ctx) {
    if (ctx.status().getHistory().isEmpty()) {
      return;
    }
    HistoryEntry newest = ctx.status().getHistory().get(0);
    if (HistoryEntry.SUCCEEDED.equals(newest.getResult()) && newest.getStartedAt() != null) {
      Duration d = Duration.between(Instant.parse(newest.getStartedAt()), ctx.now());
      metrics.bumpToReady(Math.max(0, d.toMillis()) / 1000.0);
    }
  }
}
