package dev.envops.operator.reconcile;

import java.time.Duration;

/**
 * Puts resyncs on whole seconds of the clock, never earlier and less than a second later than
 * asked. JOSDK keeps one timer per Environment on one timer thread, which woke once for each, and
 * each pass woke a reconcile thread; on a grid the timer wakes once for all the Environments due in
 * the same second and the reconcile threads run their passes back to back. The fleet benchmark's
 * steady state fell from 0.54 to 0.16-0.18 ms of CPU per Environment per resync with the same pass
 * code (docs/benchmarks.md, eleventh round).
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
