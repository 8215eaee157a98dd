package dev.envops.operator.reconcile;

import dev.envops.operator.environment.DeployedImage;

/**
 * A step that runs once the tag is resolved: it reads the image {@link ImageResolveStep} found,
 * besides the pass's {@link RolloutContext}. Never sleeps; lets the next step run or stops the
 * pass.
 */
public interface ImageStep {

  /** Runs the step. Cloud errors propagate; the reconciler backs off and retries. */
  StepResult run(RolloutContext ctx, DeployedImage image) throws Exception;
}
