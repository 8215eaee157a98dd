package dev.envops.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting loops of the benchmark driver (a program, not a test: it polls the API and prints). */
final class Convergence {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private Convergence() {}

  /**
   * Waits until every Environment converged on {@code round}; returns how long that took. Stops at
   * once when the operator's process has exited (an OutOfMemoryError under a small heap, say):
   * nothing would converge, and the wait would last the whole timeout.
   */
  static Duration awaitRound(
      BenchWorld world, OperatorProcess operator, int round, long startNanos, Duration timeout)
      throws InterruptedException {
    long deadline = startNanos + timeout.toNanos();
    long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
    while (true) {
      operator
          .exit()
          .ifPresent(
              exit -> {
                throw new IllegalStateException("round " + round + ": " + exit);
              });
      Fleet fleet = Fleet.read(world, round);
      long now = System.nanoTime();
      if (fleet.allConverged()) {
        return Duration.ofNanos(now - startNanos);
      }
      if (now > deadline) {
        throw new IllegalStateException(
            "round "
                + round
                + " did not converge in "
                + Durations.seconds(timeout)
                + ": "
                + fleet
                + ", e.g. "
                + fleet.notConverged().subList(0, Math.min(5, fleet.notConverged().size())));
      }
      if (now > nextProgress) {
        System.out.printf(
            "  ... %s after %s%n", fleet, Durations.seconds(Duration.ofNanos(now - startNanos)));
        nextProgress = now + PROGRESS_EVERY.toNanos();
      }
      Thread.sleep(250);
    }
  }

  /** Polls {@code done} every few milliseconds; returns the time from {@code startNanos}. */
  static Duration await(BooleanSupplier done, long startNanos, Duration timeout, String what)
      throws InterruptedException {
    long deadline = startNanos + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not happen in " + Durations.seconds(timeout));
      }
      Thread.sleep(5);
    }
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
