package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The failure streak and the budget's waiting line the reconciler keeps per Environment. */
class RetryScheduleTest {

  // One slot an hour: after the first call, every first call is turned away.
  private final PlanetScaleBudget budget = new PlanetScaleBudget(20, Duration.ofHours(1));
  private final BudgetWaitingLine line = new BudgetWaitingLine(budget, System::nanoTime, id -> {});
  private final RetrySchedule retries =
      new RetrySchedule(
          Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30), budget, line);
  private Environment env;

  @BeforeEach
  void promotingEnvironment() {
    env = StepFixtures.promotingEnv();
    budget.admit(OperatorHarness.PS_ORG);
  }

  @Test
  void failuresInARowBackOffLongerAndAPassThatWentThroughEndsTheStreak() {
    assertThat(retries.firstFailure("uid-qa")).isTrue();
    Duration first = retries.failed("uid-qa");
    assertThat(retries.firstFailure("uid-qa")).isFalse();
    Duration later = Duration.ZERO;
    for (int i = 0; i < 5; i++) {
      later = retries.failed("uid-qa");
    }
    // Jittered: at least half of 1 s doubled five times, at most the cap.
    assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(later).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(32));

    retries.passed("uid-qa");

    assertThat(retries.firstFailure("uid-qa")).isTrue();
  }

  @Test
  void aPassTheBudgetRefusedWaitsInLineComesBackNoSoonerThanTheSlotAndIsTurnedAwayUntilThen() {
    Duration slot = Duration.ofHours(3);

    assertThat(retries.refusedByBudget(env, slot)).isEqualTo(slot);
    assertThat(line.waits("uid-qa")).isTrue();
    assertThat(retries.turnedAwayAgain(env)).isPresent();
    // A refusal is not a failure.
    assertThat(retries.firstFailure("uid-qa")).isTrue();
  }

  @Test
  void aFailedOrSuccessfulPassEndsTheTurnawaysAndLeavesTheLine() {
    retries.refusedByBudget(env, Duration.ZERO);
    retries.failed("uid-qa");
    assertThat(retries.turnedAwayAgain(env)).isEmpty();
    assertThat(line.waits("uid-qa")).isFalse();

    retries.refusedByBudget(env, Duration.ZERO);
    retries.passed("uid-qa");
    assertThat(retries.turnedAwayAgain(env)).isEmpty();
    assertThat(line.waits("uid-qa")).isFalse();
  }

  @Test
  void theFallbackOfARefusedPassIsNoSoonerThanTheSlowRetry() {
    assertThat(retries.refusedByBudget(env, Duration.ZERO)).isGreaterThan(Duration.ofSeconds(30));
  }
}
