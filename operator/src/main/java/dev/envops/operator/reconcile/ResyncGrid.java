package dev.envops.operator.reconcile;

import java.time.Duration;

/**
 * Puts resyncs on whole seconds of the clock, never earlier and less than a second later than
 * asked. JOSDK keeps one timer per Environment on one timer thread, which woke once for each; on a
 * grid it wakes once for all the Environments due in the same second, and hands their passes to the
 * pool in one burst (that thread was a sixth of the steady state's CPU at 300 Environments).
 */
final class ResyncGrid {

  static final long GRID_MILLIS = 1000;

  private ResyncGrid() {}

  /** The delay from {@code nowMillis} to the first whole second at or after {@code resync}. */
  static Duration delay(Duration resync, long nowMillis) {
    long due = nowMillis + resync.toMillis();
    long onGrid = Math.floorDiv(due + GRID_MILLIS - 1, GRID_MILLIS) * GRID_MILLIS;
    return Duration.ofMillis(onGrid - nowMillis);
  }
}
