package dev.envops.operator.reconcile;

import java.time.Duration;
import java.util.Optional;

/** What a step tells the reconciler: go on to the next step, or stop and come back later. */
public final class StepResult {

  private static final StepResult PROCEED = new StepResult(null);

  private final Duration requeueAfter;

  private StepResult(Duration requeueAfter) {
    this.requeueAfter = requeueAfter;
  }

  /** Run the next step. */
  public static StepResult proceed() {
    return PROCEED;
  }

  /** Stop this pass; reconcile again after {@code delay} (the reason is already in status). */
  public static StepResult requeue(Duration delay) {
    return new StepResult(delay);
  }

  /** True when the pass stops here. */
  public boolean stops() {
    return requeueAfter != null;
  }

  /** The delay before the next pass, when the pass stops. */
  public Optional<Duration> requeueAfter() {
    return Optional.ofNullable(requeueAfter);
  }
}
