package dev.envops.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-Environment gauges a pass derives from its status. */
class EnvironmentGaugesTest {

  private static final Environment ENV = environment();

  @Test
  void theLastRolloutIsWhenTheNewestSuccessfulOneFinished() {
    EnvironmentStatus status =
        history(
            entry(HistoryEntry.IN_PROGRESS, null),
            entry(HistoryEntry.SUCCEEDED, "2026-12-07T10:00:00Z"),
            entry(HistoryEntry.SUCCEEDED, "2026-12-06T10:00:00Z"));

    EnvironmentGauges gauges = EnvironmentGauges.of(ENV, status, null);

    assertThat(gauges.lastRolloutSeconds())
        .isEqualTo(Instant.parse("2026-12-07T10:00:00Z").getEpochSecond());
  }

  @Test
  void aNewerRolloutReplacesThePreviousPasssFigure() {
    EnvironmentGauges before =
        EnvironmentGauges.of(
            ENV, history(entry(HistoryEntry.SUCCEEDED, "2026-12-07T10:00:00Z")), null);

    EnvironmentGauges after =
        EnvironmentGauges.of(
            ENV,
            history(
                entry(HistoryEntry.SUCCEEDED, "2026-12-07T11:30:00.250Z"),
                entry(HistoryEntry.SUCCEEDED, "2026-12-07T10:00:00Z")),
            before);

    assertThat(after.lastRolloutSeconds())
        .isEqualTo(Instant.parse("2026-12-07T11:30:00Z").getEpochSecond());
  }

  @Test
  void noSuccessfulRolloutYetIsNotANumber() {
    EnvironmentGauges gauges =
        EnvironmentGauges.of(
            ENV, history(entry(HistoryEntry.FAILED, "2026-12-07T10:00:00Z")), null);

    assertThat(gauges.lastRolloutSeconds()).isNaN();
    assertThat(gauges.lastRolloutAt()).isNull();
  }

  private static Environment environment() {
    Environment env = new Environment();
    env.setMetadata(
        new ObjectMetaBuilder().withNamespace("shop").withName("qa").withGeneration(3L).build());
    return env;
  }

  private static EnvironmentStatus history(HistoryEntry... entries) {
    EnvironmentStatus status = new EnvironmentStatus();
    status.getHistory().addAll(java.util.List.of(entries));
    return status;
  }

  private static HistoryEntry entry(String result, String finishedAt) {
    HistoryEntry entry = new HistoryEntry();
    entry.setResult(result);
    entry.setFinishedAt(finishedAt);
    return entry;
  }
}
