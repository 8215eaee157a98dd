package dev.envops.sandbox.planetscale;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PlanetScale's request budget per service token over a sliding window: 600 a minute, as the real
 * API documents (429 beyond). Whether the real budget is per token or per organization is not
 * documented; the simulator counts per token.
 */
final class RateLimit {

  private final Map<String, Deque<Long>> callsByToken = new ConcurrentHashMap<>();
  private volatile int perMinute = 600;
  private volatile long windowNanos = 60_000_000_000L;

  void limit(int calls, java.time.Duration window) {
    if (calls < 0 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("limit must not be negative: " + calls + " per " + window);
    }
    perMinute = calls;
    windowNanos = window.toNanos();
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
      while (!calls.isEmpty() && nowNanos - calls.peekFirst() >= windowNanos) {
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
