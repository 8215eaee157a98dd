package dev.envops.operator.planetscale;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One request budget per PlanetScale organization, shared by every Environment: PlanetScale allows
 * 600 requests a minute and answers 429 beyond, without saying whether per token or per
 * organization. Each organization gets a token bucket; a pass's first call is sent only when a slot
 * is free, its later calls are sent at once on credit (at most the burst below empty), so a pass
 * that started finishes without sleeping and without throwing away the calls it made. Burst, credit
 * and refill over one window stay at 95% of the limit, so the fleet's calls spread under it instead
 * of earning a 429 storm. Nothing here waits: a call with no slot is refused with when to come
 * back.
 */
public final class PlanetScaleBudget {

  private final int limit;
  private final Duration window;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public PlanetScaleBudget(int limit, Duration window) {
    this(limit, window, System::nanoTime);
  }

  PlanetScaleBudget(int limit, Duration window, LongSupplier nanoClock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a budget needs a positive limit and window");
    }
    this.limit = limit;
    this.window = window;
    this.nanoClock = nanoClock;
  }

  /** The budget PlanetScale documents: 600 requests a minute. */
  public static PlanetScaleBudget planetScaleDefault() {
    return new PlanetScaleBudget(600, Duration.ofMinutes(1));
  }

  /** What a caller may do with one call: send it now, or come back after {@code retryAfter}. */
  public record Admission(boolean admitted, Duration retryAfter) {

    static Admission now() {
      return new Admission(true, Duration.ZERO);
    }

    static Admission refused(Duration retryAfter) {
      return new Admission(false, retryAfter);
    }
  }

  /** Takes a pass's first call for {@code organization}: sent when a slot is free, else refused. */
  public Admission admit(String organization) {
    return admit(organization, false);
  }

  /**
   * As {@link #admit(String)}; with {@code finishing} (the pass already sent a call) the call is
   * sent on credit while the bucket is less than its burst below empty: the pass finishes rather
   * than throwing its calls away and starting over.
   */
  public Admission admit(String organization, boolean finishing) {
    return buckets
        .computeIfAbsent(organization, o -> new Bucket())
        .admit(nanoClock.getAsLong(), finishing);
  }

  /**
   * True when a pass's first call to {@code organization} would be turned away now ({@link
   * #admit(String, boolean)} without {@code finishing}); takes nothing from the budget.
   */
  public boolean turnsAwayFirstCall(String organization) {
    Bucket bucket = buckets.get(organization);
    return bucket != null && bucket.available(nanoClock.getAsLong()) < 1;
  }

  /**
   * Whole slots free for first calls to {@code organization} now (calls on credit make it 0 until
   * they are paid back); takes nothing from the budget.
   */
  public int freeSlots(String organization) {
    Bucket bucket = buckets.get(organization);
    if (bucket == null) {
      return (int) capacity();
    }
    return (int) Math.max(0, Math.floor(bucket.available(nanoClock.getAsLong())));
  }

  /** How long the budget takes to free one slot. */
  public Duration slotInterval() {
    return Duration.ofNanos((long) nanosPerToken());
  }

  private double capacity() {
    return Math.max(1, Math.min(10, limit / 20));
  }

  // burst + credit + rate * window <= 0.95 * limit: a margin for the clocks of client and server.
  private double nanosPerToken() {
    return window.toNanos() / Math.max(1.0, limit * 0.95 - 2 * capacity());
  }

  /**
   * Call at the start of each reconcile pass on its thread (see {@link #admit(String, boolean)}).
   */
  public static void passStarts() {
    BudgetInterceptor.passStarts();
  }

  /** Calls sent so far for {@code organization}. */
  public long used(String organization) {
    Bucket bucket = buckets.get(organization);
    return bucket == null ? 0 : bucket.reserved.get();
  }

  /** Calls refused (no slot, or no credit left) for {@code organization}. */
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
    private final double capacity = capacity();
    // How far below empty the calls of passes already under way may take the bucket.
    private final double credit = capacity;
    private final double nanosPerToken = nanosPerToken();
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private double tokens = capacity;
    private long updatedAt = Long.MIN_VALUE;

    synchronized Admission admit(long now, boolean finishing) {
      double available = available(now);
      tokens = available;
      updatedAt = now;
      double floor = finishing ? 1 - credit : 1;
      if (available >= floor) {
        tokens -= 1;
        reserved.incrementAndGet();
        return Admission.now();
      }
      refused.incrementAndGet();
      // Negative tokens are calls sent on credit: a first call waits until they are paid back.
      return Admission.refused(
          Duration.ofNanos((long) Math.ceil((floor - available) * nanosPerToken)));
    }

    synchronized double available(long now) {
      return updatedAt == Long.MIN_VALUE
          ? tokens
          : Math.min(capacity, tokens + (now - updatedAt) / nanosPerToken);
    }
  }
}
