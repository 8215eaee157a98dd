package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.DIGEST;
import static dev.envops.operator.reconcile.StepFixtures.eventReasons;
import static dev.envops.operator.reconcile.StepFixtures.image;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.fakes.FakeDeployRequests;
import dev.envops.operator.fakes.FakeEnvironments;
import dev.envops.operator.fakes.FakeSecrets;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.PlanetScaleApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RevertWindowStep alone, against fake deploy requests (see {@link StepFixtures}). */
class RevertWindowStepTest {

  private static final OperatorMetrics METRICS = new OperatorMetrics();

  private final FakeDeployRequests planetScale = new FakeDeployRequests();
  private final RevertWindowStep step = new RevertWindowStep(CONFIG, planetScale, METRICS);
  private final FakeSecrets secrets = StepFixtures.tokenSecret();
  private Environment env;
  private EnvironmentStatus status;

  @BeforeEach
  void setUp() {
    env = Environments.withSchemaPromotion(StepFixtures.env());
    status = new EnvironmentStatus();
    DeployRequestStatus dr = new DeployRequestStatus();
    dr.setRevision(DIGEST);
    dr.setNumber(3L);
    dr.setState("complete_pending_revert");
    dr.setStateSince(Conditions.timestamp(StepFixtures.NOW));
    status.setDeployRequest(dr);
  }

  private RolloutContext pass() {
    RolloutContext ctx = StepFixtures.context(env, status, secrets, new FakeEnvironments());
    return ctx;
  }

  @Test
  void theRevertWindowIsSkippedOnceTheAppServes() throws Exception {
    planetScale.put(FakeDeployRequests.request(3, "complete_pending_revert"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(planetScale.calls()).containsExactly("skipRevert #3");
    assertThat(eventReasons(ctx)).containsExactly(Reason.REVERT_WINDOW_SKIPPED.wire());
    assertThat(reason(ctx, ConditionType.ROLLBACK_AVAILABLE))
        .isEqualTo(Reason.SCHEMA_FORWARD_ONLY.wire());
  }

  @Test
  void aKeptRevertWindowIsWatchedAndOffered() throws Exception {
    env.getSpec().getDatabase().setKeepRevertWindow(true);
    planetScale.put(FakeDeployRequests.request(3, "complete_pending_revert"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(planetScale.calls()).containsExactly("get #3");
    assertThat(reason(ctx, ConditionType.ROLLBACK_AVAILABLE))
        .isEqualTo(Reason.REVERT_WINDOW_OPEN.wire());
  }

  @Test
  void anOpenWindowOffersTheRollbackWithItsDeadlineAndCommand() throws Exception {
    env.getSpec().getDatabase().setKeepRevertWindow(true);
    HistoryEntry v0 = new HistoryEntry();
    v0.setImage(StepFixtures.REPO + ":v0@" + StepFixtures.OTHER_DIGEST);
    v0.setResult(HistoryEntry.SUCCEEDED);
    status.getHistory().add(v0);
    planetScale.put(
        FakeDeployRequests.request(3, "complete_pending_revert")
            .deployedAt("2026-03-01T11:50:00Z"));
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(ctx.status().condition(ConditionType.ROLLBACK_AVAILABLE).orElseThrow())
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getMessage())
                  .contains("until 2026-03-01T12:20:00Z", "set spec.image.tag back to v0");
            });
  }

  @Test
  void aRevertInPlanetScaleFailsTheEnvironment() throws Exception {
    env.getSpec().getDatabase().setKeepRevertWindow(true);
    planetScale.put(FakeDeployRequests.request(3, "in_progress_revert"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(reason(ctx, ConditionType.SCHEMA_PROMOTED)).isEqualTo(Reason.SCHEMA_REVERTED.wire());
    assertThat(eventReasons(ctx)).containsExactly(Reason.SCHEMA_REVERTED.wire());
  }

  @Test
  void aWindowEndedMeanwhileIsReadAgain() throws Exception {
    planetScale.put(FakeDeployRequests.request(3, "complete").state("closed"));
    planetScale.failNext(
        PlanetScaleApi.SKIP_REVERT, 422, "unprocessable", "the revert window is closed");
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(planetScale.calls()).containsExactly("skipRevert #3", "get #3");
    assertThat(ctx.status().getDeployRequest().getState()).isEqualTo("complete");
    assertThat(reason(ctx, ConditionType.ROLLBACK_AVAILABLE))
        .isEqualTo(Reason.SCHEMA_FORWARD_ONLY.wire());
  }
}
