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

  /**
   * Callers that may wait for a slot of one organization at once: the rest are refused at once, so
   * one busy organization holds at most this many reconcile threads, not all of them.
   */
  public static final int MAX_WAITERS = 4;

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

  /** What a caller may do with one call: send it now, after a wait, or come back later. */
  public record Admission(boolean admitted, Duration delay, Duration retryAfter) {

    static Admission now() {
      return new Admission(true, Duration.ZERO, Duration.ZERO);
    }

    static Admission after(Duration delay) {
      return new Admission(true, delay, Duration.ZERO);
    }

    static Admission refused(Duration retryAfter) {
      return new Admission(false, Duration.ZERO, retryAfter);
    }
  }

  /**
   * Takes one call for {@code organization}: now when a slot is free; after a wait (at most the
   * patience) for at most {@value #MAX_WAITERS} callers at once, who must {@link #waited} after it;
   * otherwise refused, with when a slot may be free, so the caller's thread goes back to work
   * instead of sleeping behind the others.
   */
  public Admission admit(String organization) {
    return admit(organization, false);
  }

  /**
   * As {@link #admit(String)}; with {@code finishing}, the caller waits its turn (within the
   * patience) however many others wait: a pass that already spent budget finishes rather than
   * throwing its calls away and starting over.
   */
  public Admission admit(String organization, boolean finishing) {
    return buckets
        .computeIfAbsent(organization, o -> new Bucket())
        .admit(nanoClock.getAsLong(), maxWait.toNanos(), finishing);
  }

  /**
   * True when a pass's first call to {@code organization} would be turned away now ({@link
   * #admit(String, boolean)} without {@code finishing}); takes nothing from the budget.
   */
  public boolean turnsAwayFirstCall(String organization) {
    Bucket bucket = buckets.get(organization);
    return bucket != null && bucket.turnsAway(nanoClock.getAsLong(), maxWait.toNanos());
  }

  /**
   * Call at the start of each reconcile pass on its thread (see {@link #admit(String, boolean)}).
   */
  public static void passStarts() {
    BudgetInterceptor.passStarts();
  }

  /** Ends the wait of an admission that had one. */
  public void waited(String organization) {
    Bucket bucket = buckets.get(organization);
    if (bucket != null) {
      bucket.waited();
    }
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

    private int waiters;

    synchronized Admission admit(long now, long maxWaitNanos, boolean finishing) {
      if (updatedAt == Long.MIN_VALUE) {
        updatedAt = now;
      }
      tokens = Math.min(capacity, tokens + (now - updatedAt) / nanosPerToken);
      updatedAt = now;
      // Negative tokens are slots already promised to waiters: the queue is in the deficit.
      long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * nanosPerToken);
      if (wait == 0) {
        tokens -= 1;
        reserved.incrementAndGet();
        return Admission.now();
      }
      if (wait > maxWaitNanos || (waiters >= MAX_WAITERS && !finishing)) {
        refused.incrementAndGet();
        return Admission.refused(Duration.ofNanos(wait));
      }
      tokens -= 1;
      waiters++;
      reserved.incrementAndGet();
      return Admission.after(Duration.ofNanos(wait));
    }

    synchronized boolean turnsAway(long now, long maxWaitNanos) {
      double available =
          updatedAt == Long.MIN_VALUE
              ? tokens
              : Math.min(capacity, tokens + (now - updatedAt) / nanosPerToken);
      if (available >= 1) {
        return false;
      }
      long wait = (long) Math.ceil((1 - available) * nanosPerToken);
      return wait > maxWaitNanos || waiters >= MAX_WAITERS;
    }

    synchronized void waited() {
      waiters = Math.max(0, waiters - 1);
    }
  }
}
