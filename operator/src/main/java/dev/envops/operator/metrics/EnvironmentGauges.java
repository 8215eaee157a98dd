package dev.envops.operator.metrics;

import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import java.time.Instant;

/**
 * What the per-Environment gauges show of one Environment after a pass: phase, Ready, Stalled,
 * Reconciling, generations, the last successful rollout and the deploy request's state.
 *
 * @param servingGeneration the generation whose rollout is Ready (kept from the last Ready pass)
 * @param lastRolloutSeconds epoch seconds the newest Succeeded rollout finished, or NaN
 * @param lastRolloutAt the same as status holds it (RFC 3339), or null
 * @param deployRequestState PlanetScale's deployment_state of the current revision's request
 */
public record EnvironmentGauges(
    String namespace,
    String name,
    String phase,
    boolean ready,
    boolean reconciling,
    boolean stalled,
    long generation,
    long observedGeneration,
    long servingGeneration,
    double lastRolloutSeconds,
    String lastRolloutAt,
    String deployRequestState,
    long deployRequestNumber) {

  /** The gauges of {@code env} whose status a pass just computed. */
  public static EnvironmentGauges of(
      Environment env, EnvironmentStatus status, EnvironmentGauges previous) {
    var ready = status.condition("Ready");
    long generation =
        env.getMetadata().getGeneration() == null ? 0 : env.getMetadata().getGeneration();
    long readyGeneration =
        ready.map(Condition::getObservedGeneration).map(Long::longValue).orElse(0L);
    boolean isReady =
        ready.map(c -> Condition.TRUE.equals(c.getStatus())).orElse(false)
            && readyGeneration >= generation;
    long serving = isReady ? readyGeneration : previous == null ? 0 : previous.servingGeneration();
    String lastRolloutAt =
        status.getHistory().stream()
            .filter(h -> HistoryEntry.SUCCEEDED.equals(h.getResult()) && h.getFinishedAt() != null)
            .map(HistoryEntry::getFinishedAt)
            .findFirst()
            .orElse(null);
    // Parsed once per rollout, not once per pass: the parse was 6% of an idle pass's CPU.
    double lastRollout =
        lastRolloutAt == null
            ? Double.NaN
            : previous != null && lastRolloutAt.equals(previous.lastRolloutAt())
                ? previous.lastRolloutSeconds()
                : Instant.parse(lastRolloutAt).getEpochSecond();
    var request = status.getDeployRequest();
    return new EnvironmentGauges(
        env.getMetadata().getNamespace(),
        env.getMetadata().getName(),
        String.valueOf(status.getPhase()),
        isReady,
        isTrue(status, "Reconciling"),
        isTrue(status, "Stalled"),
        generation,
        status.getObservedGeneration() == null ? 0 : status.getObservedGeneration(),
        serving,
        lastRollout,
        lastRolloutAt,
        request == null ? null : request.getState(),
        request == null || request.getNumber() == null ? 0 : request.getNumber());
  }

  private static boolean isTrue(EnvironmentStatus status, String type) {
    return status.condition(type).map(c -> Condition.TRUE.equals(c.getStatus())).orElse(false);
  }
}
