package dev.envops.operator.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step that finds something out tells the pass: go on with the value it found (the next
 * steps take it as input), or stop and come back later.
 */
public final class Outcome<T> {

  private final T value;
  private final StepResult result;

  private Outcome(T value, StepResult result) {
    this.value = value;
    this.result = result;
  }

  /** Run the next step, with {@code value}. */
  public static <T> Outcome<T> proceed(T value) {
    return new Outcome<>(Objects.requireNonNull(value), StepResult.proceed());
  }

  /** Stop this pass; reconcile again after {@code delay} (the reason is already in status). */
  public static <T> Outcome<T> requeue(Duration delay) {
    return new Outcome<>(null, StepResult.requeue(delay));
  }

  /** True when the pass stops here. */
  public boolean stops() {
    return result.stops();
  }

  /** The delay before the next pass, when the pass stops. */
  public Optional<Duration> requeueAfter() {
    return result.requeueAfter();
  }

  /** What the step found; only when it does not stop the pass. */
  public T value() {
    if (stops()) {
      throw new IllegalStateException("the step stopped the pass: it has no value");
    }
    return value;
  }

  /** The same decision without the value. */
  public StepResult result() {
    return result;
  }
}
