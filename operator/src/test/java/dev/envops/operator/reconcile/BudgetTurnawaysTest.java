package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pass the budget turned away is turned away again before its steps, while nothing changed. */
class BudgetTurnawaysTest {

  // One slot an hour and no patience: after the first call, every first call is turned away.
  private final PlanetScaleBudget budget = new PlanetScaleBudget(20, Duration.ofHours(1));
  private final BudgetTurnaways turnaways = new BudgetTurnaways(budget);
  private Environment env;

  @BeforeEach
  void promotingEnvironment() {
    env = StepFixtures.promotingEnv();
  }

  @Test
  void aPassIsNotTurnedAwayBeforeTheBudgetRefusedIt() {
    budget.admit(OperatorHarness.PS_ORG);

    assertThat(turnaways.turnsAway(env)).isFalse();
  }

  @Test
  void aRefusedPassIsTurnedAwayWhileTheBudgetStillHasNoSlot() {
    budget.admit(OperatorHarness.PS_ORG);
    turnaways.refused(env);

    assertThat(turnaways.turnsAway(env)).isTrue();
  }

  @Test
  void aFreeSlotLetsThePassRun() {
    turnaways.refused(env);

    assertThat(turnaways.turnsAway(env)).isFalse();
  }

  @Test
  void aChangedSpecLetsThePassRun() {
    budget.admit(OperatorHarness.PS_ORG);
    turnaways.refused(env);

    env.getMetadata().setGeneration(2L);

    assertThat(turnaways.turnsAway(env)).isFalse();
  }

  @Test
  void aPassThatGotPastTheBudgetEndsTheTurnaways() {
    budget.admit(OperatorHarness.PS_ORG);
    turnaways.refused(env);

    turnaways.cleared("uid-qa");

    assertThat(turnaways.turnsAway(env)).isFalse();
  }

  @Test
  void anEnvironmentWithoutADatabaseIsNeverTurnedAway() {
    budget.admit(OperatorHarness.PS_ORG);
    env.getSpec().setDatabase(null);
    turnaways.refused(env);

    assertThat(turnaways.turnsAway(env)).isFalse();
  }
}
