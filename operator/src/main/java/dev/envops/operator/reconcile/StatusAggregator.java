package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Derives the kstatus conditions {@code Reconciling} and {@code Stalled} from the outcome of a pass
 * (phase and Ready), in one place, so that Flux, kpt and {@code kubectl wait} tell a rollout
 * (InProgress) from a success (Current) and a failure that needs a person (Failed).
 */
final class StatusAggregator {

  private StatusAggregator() {}

  /** The verdict of a pass, as the kstatus conditions say it. */
  enum Verdict {
    CURRENT,
    IN_PROGRESS,
    STALLED,
    SUSPENDED
  }

  /**
   * Sets Reconciling and Stalled on the pass's status from its phase and Ready condition; call it
   * after every step ran (or the pass failed) and before the status is compared and patched.
   *
   * @param patience how long a deploy request may wait for a person before it reads Stalled
   */
  static Verdict summarize(RolloutContext ctx, Duration patience) {
    EnvironmentStatus status = ctx.status();
    Optional<Condition> ready = status.condition(ConditionType.READY);
    String reason = ready.map(Condition::getReason).orElse(String.valueOf(status.getPhase()));
    String message = ready.map(Condition::getMessage).orElse("");
    Verdict verdict = verdict(ctx, patience, reason);
    switch (verdict) {
      case CURRENT -> {
        ctx.condition(ConditionType.RECONCILING, false, Reason.READY, message);
        ctx.condition(ConditionType.STALLED, false, Reason.READY, message);
      }
      case SUSPENDED -> {
        ctx.condition(ConditionType.RECONCILING, false, reason, message);
        ctx.condition(ConditionType.STALLED, false, reason, message);
      }
      case STALLED -> {
        ctx.condition(ConditionType.RECONCILING, false, reason, message);
        ctx.condition(ConditionType.STALLED, true, reason, stalledMessage(ctx, reason, message));
      }
      case IN_PROGRESS -> {
        ctx.condition(ConditionType.RECONCILING, true, reason, message);
        ctx.condition(ConditionType.STALLED, false, reason, message);
      }
    }
    return verdict;
  }

  private static Verdict verdict(RolloutContext ctx, Duration patience, String reason) {
    EnvironmentStatus status = ctx.status();
    if (readyForThisGeneration(ctx)) {
      return Verdict.CURRENT;
    }
    Reason.Stall stall = stall(reason);
    if (status.getPhase() == Phase.Failed || stall == Reason.Stall.ALWAYS) {
      return Verdict.STALLED;
    }
    if (stall == Reason.Stall.BEYOND_PATIENCE) {
      return waitedBeyond(ctx, patience) ? Verdict.STALLED : Verdict.SUSPENDED;
    }
    if (status.getPhase() == Phase.Suspended) {
      return Verdict.SUSPENDED;
    }
    return Verdict.IN_PROGRESS;
  }

  /**
   * What the Ready reason means for Stalled ({@link Reason#stall()}); a reason this operator does
   * not write (e.g. the phase, when there is no Ready) never stalls by itself.
   */
  private static Reason.Stall stall(String reason) {
    return Reason.of(reason).map(Reason::stall).orElse(Reason.Stall.NEVER);
  }

  /** Ready=True computed for the current generation (a stale True describes the last rollout). */
  private static boolean readyForThisGeneration(RolloutContext ctx) {
    return ctx.status()
        .condition(ConditionType.READY)
        .filter(c -> Condition.TRUE.equals(c.getStatus()))
        .filter(c -> c.getObservedGeneration() != null)
        .filter(c -> c.getObservedGeneration() >= ctx.generation())
        .isPresent();
  }

  private static boolean waitedBeyond(RolloutContext ctx, Duration patience) {
    Instant since = since(ctx.status().getDeployRequest());
    return since != null && ctx.now().isAfter(since.plus(patience));
  }

  private static Instant since(DeployRequestStatus request) {
    return request == null ? null : DeployRequestRecords.since(request);
  }

  private static String stalledMessage(RolloutContext ctx, String reason, String message) {
    if (stall(reason) == Reason.Stall.BEYOND_PATIENCE) {
      return message + " (waiting since " + ctx.status().getDeployRequest().getStateSince() + ")";
    }
    return message;
  }
}
