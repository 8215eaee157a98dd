package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.EnvironmentStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Sets conditions the Kubernetes way: lastTransitionTime moves only when status changes. */
final class Conditions {

  private Conditions() {}

  /**
   * Sets the condition of {@code type}.
   *
   * @return true when its status changed (a transition)
   */
  static boolean set(
      EnvironmentStatus status,
      String type,
      String value,
      String reason,
      String message,
      long generation,
      Instant now) {
    Condition existing = status.condition(type).orElse(null);
    if (existing == null) {
      status
          .getConditions()
          .add(new Condition(type, value, reason, message, timestamp(now), generation));
      return true;
    }
    boolean transition = !Objects.equals(existing.getStatus(), value);
    if (transition) {
      existing.setLastTransitionTime(timestamp(now));
    }
    existing.setStatus(value);
    existing.setReason(reason);
    existing.setMessage(message);
    existing.setObservedGeneration(generation);
    return transition;
  }

  /** Removes the condition of {@code type}; true when there was one. */
  static boolean remove(EnvironmentStatus status, String type) {
    return status.getConditions().removeIf(c -> type.equals(c.getType()));
  }

  /** True when the condition of {@code type} is True. */
  static boolean isTrue(EnvironmentStatus status, String type) {
    return status.condition(type).map(c -> Condition.TRUE.equals(c.getStatus())).orElse(false);
  }

  /** RFC 3339 at second precision, as Kubernetes writes it. */
  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
