package dev.envops.operator.reconcile;

/**
 * A step that runs before the image is resolved: it reads and writes the pass's {@link
 * RolloutContext} (status included) only, makes at most the cloud calls it needs, never sleeps, and
 * either lets the next step run or stops the pass with a requeue delay.
 */
public interface RolloutStep {

  /** Runs the step. Cloud errors propagate; the reconciler backs off and retries. */
  StepResult run(RolloutContext ctx) throws Exception;
}
