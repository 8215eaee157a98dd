package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.DIGEST;
import static dev.envops.operator.reconcile.StepFixtures.OTHER_DIGEST;
import static dev.envops.operator.reconcile.StepFixtures.REPO;
import static dev.envops.operator.reconcile.StepFixtures.eventReasons;
import static dev.envops.operator.reconcile.StepFixtures.image;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.environment.RollbackStatus;
import dev.envops.operator.fakes.FakeDeployRequests;
import dev.envops.operator.fakes.FakeEnvironments;
import dev.envops.operator.fakes.FakeSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JointRollbackStep, before and after the rollout, against fake deploy requests (see {@link
 * StepFixtures}). Each pass sets the tag back from v2 ({@code OTHER_DIGEST}, promoted with deploy
 * request #3) to v1 ({@code DIGEST}), which this Environment was Ready with.
 */
class JointRollbackStepTest {

  private static final String REVERT_WINDOW_OPEN = "complete_pending_revert";

  private final FakeDeployRequests planetScale = new FakeDeployRequests();
  private final JointRollbackStep before =
      new JointRollbackStep(CONFIG, planetScale, JointRollbackStep.Stage.BEFORE_ROLLOUT);
  private final JointRollbackStep after =
      new JointRollbackStep(CONFIG, planetScale, JointRollbackStep.Stage.AFTER_ROLLOUT);
  private FakeSecrets secrets = StepFixtures.tokenSecret();
  private Environment env;
  private EnvironmentStatus status;

  @BeforeEach
  void setUp() {
    env = Environments.withSchemaPromotion(StepFixtures.env());
    env.getSpec().getDatabase().setKeepRevertWindow(true);
    status = new EnvironmentStatus();
    HistoryEntry v1 = new HistoryEntry();
    v1.setImage(REPO + ":v1@" + DIGEST);
    v1.setResult(HistoryEntry.SUCCEEDED);
    status.getHistory().add(v1);
  }

  /** Status ties deploy request #3, in {@code state}, to v2, deployed in {@code order}. */
  private void promotedV2(String state, String order) {
    DeployRequestStatus dr = new DeployRequestStatus();
    dr.setRevision(OTHER_DIGEST);
    dr.setNumber(3L);
    dr.setState(state);
    dr.setOrder(order);
    dr.setUrl("https://app.planetscale.com/acme/bookings/deploy-requests/3");
    dr.setStateSince(Conditions.timestamp(StepFixtures.NOW));
    status.setDeployRequest(dr);
  }

  private RolloutContext pass() {
    return StepFixtures.context(env, status, secrets, new FakeEnvironments());
  }

  @Test
  void withoutPromotionTheStepGoesOnAndForgetsARollback() throws Exception {
    env.getSpec().setDatabase(null);
    status.setRollback(new RollbackStatus());
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).stops()).isFalse();
    assertThat(ctx.status().getRollback()).isNull();
    assertThat(planetScale.calls()).isEmpty();
  }

  @Test
  void anImageNeverServedIsNoRollback() throws Exception {
    status.getHistory().clear();
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.BEFORE);
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).stops()).isFalse();
    assertThat(ctx.status().getRollback()).isNull();
    assertThat(ctx.events()).isEmpty();
    assertThat(planetScale.calls()).isEmpty();
  }

  @Test
  void outsideTheWindowOnlyTheAppRollsBack() throws Exception {
    promotedV2("complete", SchemaPromotionStep.BEFORE);
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).stops()).isFalse();
    assertThat(after.run(ctx, image()).stops()).isFalse();
    assertThat(ctx.status().getRollback()).isNull();
    assertThat(planetScale.calls()).isEmpty();
  }

  @Test
  void insideTheWindowAnAdditiveChangeIsRevertedOnlyAfterTheApp() throws Exception {
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.BEFORE);
    planetScale.put(FakeDeployRequests.request(3, REVERT_WINDOW_OPEN));
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).stops()).isFalse();

    RollbackStatus rollback = ctx.status().getRollback();
    assertThat(rollback.getOrder()).isEqualTo(JointRollbackStep.APP_FIRST);
    assertThat(rollback.getFromRevision()).isEqualTo(OTHER_DIGEST);
    assertThat(rollback.getToRevision()).isEqualTo(DIGEST);
    assertThat(rollback.getDeployRequest()).isEqualTo(3L);
    assertThat(eventReasons(ctx)).containsExactly(Reason.JOINT_ROLLBACK.wire());
    assertThat(planetScale.calls()).as("the app goes first").isEmpty();

    // The earlier app is ACTIVE: the same pass reverts after the rollout.
    assertThat(after.run(ctx, image()).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(planetScale.calls()).containsExactly("get #3", "revert #3");
    assertThat(reason(ctx, ConditionType.SCHEMA_PROMOTED))
        .isEqualTo(Reason.REVERTING_SCHEMA.wire());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.PromotingSchema);
    assertThat(ctx.status().getRollback().getState()).isEqualTo("in_progress_revert");

    planetScale.put(FakeDeployRequests.request(3, "complete_revert"));
    RolloutContext next = pass();
    assertThat(before.run(next, image()).stops()).isFalse();
    assertThat(after.run(next, image()).stops()).isFalse();
    assertThat(next.status().getRollback().getState()).isEqualTo("complete_revert");
    assertThat(eventReasons(next)).containsExactly(Reason.SCHEMA_ROLLED_BACK.wire());
  }

  @Test
  void insideTheWindowADestructiveChangeIsRevertedBeforeTheApp() throws Exception {
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.AFTER);
    planetScale.put(FakeDeployRequests.request(3, REVERT_WINDOW_OPEN));
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).requeueAfter()).contains(CONFIG.pollInterval());

    assertThat(ctx.status().getRollback().getOrder()).isEqualTo(JointRollbackStep.SCHEMA_FIRST);
    assertThat(planetScale.calls()).containsExactly("get #3", "revert #3");
    assertThat(eventReasons(ctx))
        .containsExactly(Reason.JOINT_ROLLBACK.wire(), Reason.SCHEMA_REVERT_STARTED.wire());
    assertThat(reason(ctx, ConditionType.SCHEMA_PROMOTED))
        .isEqualTo(Reason.REVERTING_SCHEMA.wire());

    planetScale.put(FakeDeployRequests.request(3, "complete_revert"));
    RolloutContext next = pass();
    assertThat(before.run(next, image()).stops()).as("the app rolls out now").isFalse();
    assertThat(eventReasons(next)).containsExactly(Reason.SCHEMA_ROLLED_BACK.wire());
    assertThat(after.run(next, image()).stops()).isFalse();
    assertThat(planetScale.calls()).containsExactly("get #3", "revert #3", "get #3");
  }

  @Test
  void aWindowEndedBeforeAnAdditiveRevertLeavesTheSchemaForward() throws Exception {
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.BEFORE);
    planetScale.put(FakeDeployRequests.request(3, "complete").state("closed"));
    RolloutContext ctx = pass();
    before.run(ctx, image());

    assertThat(after.run(ctx, image()).stops()).isFalse();
    assertThat(ctx.status().getRollback().getState()).isEqualTo(JointRollbackStep.SCHEMA_FORWARD);
    assertThat(eventReasons(ctx))
        .containsExactly(Reason.JOINT_ROLLBACK.wire(), Reason.SCHEMA_FORWARD_ONLY.wire());
    assertThat(planetScale.calls()).containsExactly("get #3");

    RolloutContext next = pass();
    assertThat(after.run(next, image()).stops()).isFalse();
    assertThat(planetScale.calls()).as("settled: no more calls").containsExactly("get #3");
  }

  @Test
  void aWindowEndedBeforeADestructiveRevertStopsTheRollback() throws Exception {
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.AFTER);
    planetScale.put(FakeDeployRequests.request(3, "complete").state("closed"));
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(reason(ctx, ConditionType.SCHEMA_PROMOTED))
        .isEqualTo(Reason.ROLLBACK_NEEDS_SCHEMA.wire());
    assertThat(eventReasons(ctx))
        .containsExactly(Reason.JOINT_ROLLBACK.wire(), Reason.ROLLBACK_NEEDS_SCHEMA.wire());

    RolloutContext next = pass();
    assertThat(before.run(next, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(next.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(reason(next, ConditionType.SCHEMA_PROMOTED))
        .isEqualTo(Reason.ROLLBACK_NEEDS_SCHEMA.wire());
    // Said once: the slow retries that follow repeat no Warning.
    assertThat(eventReasons(next)).isEmpty();
  }

  @Test
  void aFailedRevertStopsTheRollback() throws Exception {
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.AFTER);
    planetScale.put(FakeDeployRequests.request(3, "complete_revert_error"));
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(reason(ctx, ConditionType.SCHEMA_PROMOTED)).isEqualTo(Reason.REVERT_FAILED.wire());
    assertThat(eventReasons(ctx))
        .containsExactly(Reason.JOINT_ROLLBACK.wire(), Reason.REVERT_FAILED.wire());

    RolloutContext next = pass();
    assertThat(before.run(next, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(reason(next, ConditionType.SCHEMA_PROMOTED)).isEqualTo(Reason.REVERT_FAILED.wire());
    assertThat(eventReasons(next)).isEmpty();
  }

  @Test
  void aTagMovedOnBeforeTheRevertAbandonsTheRollback() throws Exception {
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.BEFORE);
    RolloutContext ctx = pass();
    before.run(ctx, image());
    assertThat(ctx.status().getRollback()).isNotNull();

    RolloutContext moved = pass();
    DeployedImage v3 = new DeployedImage(REPO, "v3", "sha256:" + "c".repeat(64));
    assertThat(before.run(moved, v3).stops()).isFalse();

    assertThat(moved.status().getRollback()).isNull();
    assertThat(eventReasons(moved)).containsExactly(Reason.ROLLBACK_ABANDONED.wire());
  }

  @Test
  void aMissingServiceTokenStopsTheRevert() throws Exception {
    secrets = new FakeSecrets();
    promotedV2(REVERT_WINDOW_OPEN, SchemaPromotionStep.AFTER);
    RolloutContext ctx = pass();

    assertThat(before.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(reason(ctx, ConditionType.SCHEMA_PROMOTED))
        .isEqualTo(Reason.SERVICE_TOKEN_NOT_FOUND.wire());
    assertThat(planetScale.calls()).isEmpty();
  }
}
