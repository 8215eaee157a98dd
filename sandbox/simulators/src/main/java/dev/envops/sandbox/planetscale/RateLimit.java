package dev.envops.sandbox.planetscale;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PlanetScale's request budget per service token over a sliding minute (600 by default in the real
 * API; off in the simulator until set).
 */
final class RateLimit {

  private static final long WINDOW_NANOS = 60_000_000_000L;

  private final Map<String, Deque<Long>> callsByToken = new ConcurrentHashMap<>();
  private volatile int perMinute;

  void perMinute(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    perMinute = limit;
    callsByToken.clear();
  }

  /** Records a call of {@code tokenId}; false when it is over the budget (the call is refused). */
  boolean tryAcquire(String tokenId, long nowNanos) {
    int limit = perMinute;
    if (limit == 0) {
      return true;
    }
    Deque<Long> calls = callsByToken.computeIfAbsent(tokenId, id -> new ArrayDeque<>());
    synchronized (calls) {
      while (!calls.isEmpty() && nowNanos - calls.peekFirst() >= WINDOW_NANOS) {
        calls.pollFirst();
      }
      if (calls.size() >= limit) {
        return false;
      }
      calls.addLast(nowNanos);
      return true;
    }
  }
}
