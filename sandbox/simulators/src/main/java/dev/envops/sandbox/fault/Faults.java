package dev.envops.sandbox.fault;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fault-injection knobs shared by every simulator: error rate, throttling rate, latency and a hook
 * that runs after a call has taken effect (to "crash" a client between two calls).
 */
public final class Faults {

  /** What a simulator should do with one incoming call. */
  public enum Outcome {
    PROCEED,
    SERVER_ERROR,
    THROTTLE
  }

  private final Random random;
  private volatile double errorRate;
  private volatile double throttleRate;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration latencyJitter = Duration.ZERO;
  private volatile double spikeRate;
  private volatile Duration spike = Duration.ZERO;
  private volatile Consumer<String> afterCall = operation -> {};
  private final AtomicInteger throttleNext = new AtomicInteger();
  private final AtomicInteger failNext = new AtomicInteger();

  public Faults() {
    this(new Random());
  }

  public Faults(Random random) {
    this.random = random;
  }

  /** Fraction (0–1) of calls answered with a 5xx-style server error. */
  public Faults errorRate(double rate) {
    this.errorRate = checkRate(rate);
    return this;
  }

  /** Fraction (0–1) of calls answered with throttling (429 / ThrottlingException). */
  public Faults throttleRate(double rate) {
    this.throttleRate = checkRate(rate);
    return this;
  }

  /** The next {@code count} calls are throttled, whatever the rates say (deterministic tests). */
  public Faults throttleNext(int count) {
    throttleNext.set(count);
    return this;
  }

  /** The next {@code count} calls get a server error, whatever the rates say. */
  public Faults failNext(int count) {
    failNext.set(count);
    return this;
  }

  /** Fixed latency added to every call, plus a uniformly random extra of up to {@code jitter}. */
  public Faults latency(Duration fixed, Duration jitter) {
    this.latency = fixed;
    this.latencyJitter = jitter;
    return this;
  }

  /** A fraction (0–1) of calls waits {@code spike} longer, on top of {@link #latency}. */
  public Faults latencySpikes(double rate, Duration spike) {
    this.spikeRate = checkRate(rate);
    this.spike = spike;
    return this;
  }

  /**
   * Runs after each call that took effect, with the operation's name; replaces the previous hook.
   */
  public Faults afterCall(Consumer<String> hook) {
    this.afterCall = hook == null ? operation -> {} : hook;
    return this;
  }

  /** Clears every fault. */
  public Faults reset() {
    errorRate = 0;
    throttleRate = 0;
    latency = Duration.ZERO;
    latencyJitter = Duration.ZERO;
    spikeRate = 0;
    spike = Duration.ZERO;
    afterCall = operation -> {};
    throttleNext.set(0);
    failNext.set(0);
    return this;
  }

  /** Applies latency, then decides the call's fate. Called by a simulator before it acts. */
  public Outcome beforeCall() {
    long delayMs = latency.toMillis();
    long jitterMs = latencyJitter.toMillis();
    if (jitterMs > 0 || spikeRate > 0) {
      synchronized (random) {
        delayMs += (long) (random.nextDouble() * jitterMs);
        if (random.nextDouble() < spikeRate) {
          delayMs += spike.toMillis();
        }
      }
    }
    if (delayMs > 0) {
      try {
        // Simulated network/service latency is the point of this sleep.
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (takeOne(throttleNext)) {
      return Outcome.THROTTLE;
    }
    if (takeOne(failNext)) {
      return Outcome.SERVER_ERROR;
    }
    double roll;
    synchronized (random) {
      roll = random.nextDouble();
    }
    if (roll < throttleRate) {
      return Outcome.THROTTLE;
    }
    if (roll < throttleRate + errorRate) {
      return Outcome.SERVER_ERROR;
    }
    return Outcome.PROCEED;
  }

  /** Runs the after-call hook. Called by a simulator once a call has taken effect. */
  public void afterCall(String operation) {
    afterCall.accept(operation);
  }

  private static boolean takeOne(AtomicInteger remaining) {
    return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static double checkRate(double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be between 0 and 1: " + rate);
    }
    return rate;
  }
}
