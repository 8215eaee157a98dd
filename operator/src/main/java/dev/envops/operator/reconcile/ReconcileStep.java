package dev.envops.operator.reconcile;

/**
 * One idempotent step of a reconcile pass. A step reads and writes the pass's {@link
 * RolloutContext} (status included), makes at most the cloud calls it needs, never sleeps, and
 * either lets the next step run or stops the pass with a requeue delay.
 */
public interface ReconcileStep {

  /** Runs the step. Cloud errors propagate; the reconciler backs off and retries. */
  StepResult run(RolloutContext ctx) throws Exception;
}
