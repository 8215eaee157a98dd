package dev.envops.operator.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Per-Environment exponential backoff with jitter between reconciles that hit cloud errors. */
final class Backoff {

  private final Duration base;
  private final Duration max;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  Backoff(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  /** Counts a failure and returns the delay before the next try: base*2^n, capped, jittered. */
  Duration failed(String key) {
    int n = failures.merge(key, 1, Integer::sum);
    long cap = max.toMillis();
    long exp = base.toMillis() << Math.min(n - 1, 20);
    long delay = Math.min(cap, exp <= 0 ? cap : exp);
    // "Equal jitter": at least half the delay, so a storm never retries in lockstep.
    long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    return Duration.ofMillis(Math.max(1, jittered));
  }

  /** How many failures in a row so far. */
  int failures(String key) {
    return failures.getOrDefault(key, 0);
  }

  /** Ends the streak. */
  void succeeded(String key) {
    failures.remove(key);
  }
}
