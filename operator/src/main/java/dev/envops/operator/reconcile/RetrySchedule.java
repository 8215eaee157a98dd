package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import java.time.Duration;
import java.util.Optional;

/**
 * What the reconciler remembers of each Environment between passes, and when it comes back: its
 * failed passes in a row (backoff up to {@code ENVOPS_MAX_BACKOFF}), and, when the PlanetScale
 * budget turned its pass away, its place in the organization's {@link BudgetWaitingLine} (woken
 * when a slot frees; its own timer only as a fallback). A pass that got through ends both.
 */
final class RetrySchedule {

  private final Backoff failures;
  private final Duration slowRetry;
  private final BudgetTurnaways turnaways;
  private final BudgetWaitingLine line;

  RetrySchedule(
      Duration firstDelay,
      Duration maxBackoff,
      Duration slowRetry,
      PlanetScaleBudget budget,
      BudgetWaitingLine line) {
    this.failures = new Backoff(firstDelay, maxBackoff);
    this.slowRetry = slowRetry;
    this.turnaways = new BudgetTurnaways(budget);
    this.line = line;
  }

  /** The pass went through (or the Environment is gone): every streak ends. */
  void passed(String uid) {
    failures.succeeded(uid);
    turnaways.cleared(uid);
    line.leave(uid);
  }

  /** The deletion went through: the failure streak ends. */
  void deleted(String uid) {
    failures.succeeded(uid);
  }

  /** True when the pass about to be counted failed is the first of a streak. */
  boolean firstFailure(String uid) {
    return failures.failures(uid) == 0;
  }

  /** The pass failed: when to try again (jittered, longer each time in a row). */
  Duration failed(String uid) {
    turnaways.cleared(uid);
    line.leave(uid);
    return failures.failed(uid);
  }

  /**
   * The budget refused the pass: it waits in line to be woken when a slot is free; the delay
   * returned is only the fallback, no sooner than the slot and later the further back it waits.
   */
  Duration refusedByBudget(Environment env, Duration slotFreeIn) {
    String organization = turnaways.refused(env);
    if (organization == null) {
      return slotFreeIn.compareTo(slowRetry) > 0 ? slotFreeIn : slowRetry;
    }
    Duration latest = line.latestTurn(line.join(env, organization), slowRetry);
    return latest.compareTo(slotFreeIn) > 0 ? latest : slotFreeIn;
  }

  /**
   * When the pass would only be turned away again (see {@link BudgetTurnaways#turnsAway}): it keeps
   * (or takes back) its place in line, and the fallback delay to come back after instead of running
   * its steps.
   */
  Optional<Duration> turnedAwayAgain(Environment env) {
    return turnaways.turnsAway(env)
        ? Optional.of(refusedByBudget(env, Duration.ZERO))
        : Optional.empty();
  }
}
