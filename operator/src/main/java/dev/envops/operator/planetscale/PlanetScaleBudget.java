package dev.envops.operator.planetscale;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One request budget per PlanetScale organization, shared by every Environment: PlanetScale allows
 * 600 requests a minute and answers 429 beyond, without saying whether per token or per
 * organization. Each organization gets a token bucket whose burst plus refill over one window stays
 * at 95% of the limit, so the fleet's calls spread under it instead of earning a 429 storm.
 */
public final class PlanetScaleBudget {

  private final int limit;
  private final Duration window;
  private final Duration maxWait;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public PlanetScaleBudget(int limit, Duration window, Duration maxWait) {
    this(limit, window, maxWait, System::nanoTime);
  }

  PlanetScaleBudget(int limit, Duration window, Duration maxWait, LongSupplier nanoClock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a budget needs a positive limit and window");
    }
    this.limit = limit;
    this.window = window;
    this.maxWait = maxWait;
    this.nanoClock = nanoClock;
  }

  /** The budget PlanetScale documents: 600 requests a minute. */
  public static PlanetScaleBudget planetScaleDefault() {
    return new PlanetScaleBudget(600, Duration.ofMinutes(1), Duration.ofSeconds(5));
  }

  /**
   * Reserves one call for {@code organization}; returns how long the caller must wait before
   * sending it, or empty when that wait would exceed the budget's patience (nothing is reserved).
   */
  public java.util.Optional<Duration> reserve(String organization) {
    Bucket bucket = buckets.computeIfAbsent(organization, o -> new Bucket());
    long waitNanos = bucket.reserve(nanoClock.getAsLong(), maxWait.toNanos());
    return waitNanos < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(Duration.ofNanos(waitNanos));
  }

  /** Calls reserved so far for {@code organization}. */
  public long used(String organization) {
    Bucket bucket = buckets.get(organization);
    return bucket == null ? 0 : bucket.reserved.get();
  }

  /** Reservations refused (the wait was longer than the patience) for {@code organization}. */
  public long refused(String organization) {
    Bucket bucket = buckets.get(organization);
    return bucket == null ? 0 : bucket.refused.get();
  }

  /** The organizations seen so far. */
  public java.util.Set<String> organizations() {
    return java.util.Set.copyOf(buckets.keySet());
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  private final class Bucket {
    private final double capacity = Math.max(1, Math.min(10, limit / 20));
    // burst + rate * window <= 0.95 * limit: a margin for the clocks of client and server.
    private final double nanosPerToken = window.toNanos() / Math.max(1.0, limit * 0.95 - capacity);
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private double tokens = capacity;
    private long updatedAt = Long.MIN_VALUE;

    synchronized long reserve(long now, long maxWaitNanos) {
      if (updatedAt == Long.MIN_VALUE) {
        updatedAt = now;
      }
      tokens = Math.min(capacity, tokens + (now - updatedAt) / nanosPerToken);
      updatedAt = now;
      long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * nanosPerToken);
      if (wait > maxWaitNanos) {
        refused.incrementAndGet();
        return -1;
      }
      tokens -= 1;
      reserved.incrementAndGet();
      return wait;
    }
  }
}
