package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Conditions keep lastTransitionTime across same-status updates; history keeps 10 rollouts. */
class StatusBookkeepingTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-27T10:05:00Z");
  private static final Instant T2 = Instant.parse("2026-11-27T10:09:00Z");

  @Test
  void lastTransitionTimeMovesOnlyWhenStatusChanges() {
    EnvironmentStatus status = new EnvironmentStatus();

    assertThat(Conditions.set(status, "Ready", "False", "Activating", "v1", 1, T0)).isTrue();
    assertThat(Conditions.set(status, "Ready", "False", "Activating", "v2", 2, T1)).isFalse();
    Condition same = status.condition("Ready").orElseThrow();
    assertThat(same.getLastTransitionTime()).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(same.getMessage()).isEqualTo("v2");
    assertThat(same.getObservedGeneration()).isEqualTo(2L);

    assertThat(Conditions.set(status, "Ready", "True", "Ready", "ok", 2, T2)).isTrue();
    assertThat(status.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-11-27T10:09:00Z");
    assertThat(status.getConditions()).hasSize(1);
  }

  @Test
  void historyKeepsTheLastTenNewestFirstAndSupersedesUnfinishedRollouts() {
    EnvironmentStatus status = new EnvironmentStatus();
    for (long v = 1; v <= 12; v++) {
      RolloutHistory.start(status, "ref" + v, "repo:v" + v, v, T0);
    }

    assertThat(status.getHistory()).hasSize(EnvironmentStatus.HISTORY_LIMIT);
    assertThat(status.getHistory().get(0).getDeploymentVersion()).isEqualTo(12L);
    assertThat(status.getHistory().get(9).getDeploymentVersion()).isEqualTo(3L);
    assertThat(status.getHistory().get(0).getResult()).isEqualTo(HistoryEntry.IN_PROGRESS);
    assertThat(status.getHistory().subList(1, 10))
        .allSatisfy(e -> assertThat(e.getResult()).isEqualTo(HistoryEntry.SUPERSEDED));

    RolloutHistory.finish(status, "ref12", "repo:v12", 12, HistoryEntry.SUCCEEDED, T1);
    assertThat(status.getHistory().get(0).getResult()).isEqualTo(HistoryEntry.SUCCEEDED);
    assertThat(status.getHistory().get(0).getFinishedAt()).isEqualTo("2026-11-27T10:05:00Z");
  }
}
