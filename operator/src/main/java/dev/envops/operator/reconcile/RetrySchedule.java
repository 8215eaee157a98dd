package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import java.time.Duration;
import java.util.Optional;

/**
 * What the reconciler remembers of each Environment between passes, and when it comes back: its
 * failed passes in a row (backoff up to {@code ENVOPS_MAX_BACKOFF}), its passes the PlanetScale
 * budget refused in a row (spread up to {@code ENVOPS_SLOW_RETRY}), and whether the budget turned
 * its last pass away. A pass that got through ends all three.
 */
final class RetrySchedule {

  private final Backoff failures;
  private final Backoff budgetRefusals;
  private final BudgetTurnaways turnaways;

  RetrySchedule(
      Duration firstDelay, Duration maxBackoff, Duration slowRetry, PlanetScaleBudget budget) {
    this.failures = new Backoff(firstDelay, maxBackoff);
    this.budgetRefusals = new Backoff(firstDelay, slowRetry);
    this.turnaways = new BudgetTurnaways(budget);
  }

  /** The pass went through (or the Environment is gone): every streak ends. */
  void passed(String uid) {
    failures.succeeded(uid);
    budgetRefusals.succeeded(uid);
    turnaways.cleared(uid);
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
    return failures.failed(uid);
  }

  /**
   * The budget refused the pass: come back when a slot may be free, later each time in a row
   * (jittered): hundreds turned away together must not return together and spin on a budget that
   * frees ten slots a second.
   */
  Duration refusedByBudget(Environment env, Duration slotFreeIn) {
    Duration spread = budgetRefusals.failed(env.getMetadata().getUid());
    turnaways.refused(env);
    return spread.compareTo(slotFreeIn) > 0 ? spread : slotFreeIn;
  }

  /**
   * When the pass would only be turned away again (see {@link BudgetTurnaways#turnsAway}): when to
   * come back instead of running its steps.
   */
  Optional<Duration> turnedAwayAgain(Environment env) {
    return turnaways.turnsAway(env)
        ? Optional.of(budgetRefusals.failed(env.getMetadata().getUid()))
        : Optional.empty();
  }
}
