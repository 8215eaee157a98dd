package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.DIGEST;
import static dev.envops.operator.reconcile.StepFixtures.eventReasons;
import static dev.envops.operator.reconcile.StepFixtures.image;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envops.operator.Environments;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.fakes.FakeDeployRequests;
import dev.envops.operator.fakes.FakeEnvironments;
import dev.envops.operator.fakes.FakeSecrets;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.DeployRequest;
import dev.envops.operator.planetscale.PlanetScaleApi;
import dev.envops.operator.planetscale.PlanetScaleException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SchemaPromotionStep (before the rollout) alone, against fake deploy requests. */
class SchemaPromotionStepTest {

  private static final OperatorMetrics METRICS = new OperatorMetrics();

  private final FakeDeployRequests planetScale = new FakeDeployRequests();
  private final SchemaPromotionStep step =
      new SchemaPromotionStep(
          CONFIG, planetScale, METRICS, SchemaPromotionStep.Stage.BEFORE_ROLLOUT);
  private final FakeSecrets secrets = StepFixtures.tokenSecret();
  private Environment env;
  private EnvironmentStatus status;

  @BeforeEach
  void setUp() {
    env = Environments.withSchemaPromotion(StepFixtures.env());
    status = new EnvironmentStatus();
  }

  private RolloutContext pass() {
    RolloutContext ctx = StepFixtures.context(env, status, secrets, new FakeEnvironments());
    return ctx;
  }

  /** Status already ties deploy request {@code number} to this revision. */
  private void recorded(long number, String state) {
    DeployRequestStatus dr = new DeployRequestStatus();
    dr.setRevision(DIGEST);
    dr.setNumber(number);
    dr.setState(state);
    dr.setStateSince(Conditions.timestamp(StepFixtures.NOW));
    status.setDeployRequest(dr);
  }

  private String schemaReason(RolloutContext ctx) {
    return reason(ctx, ConditionType.SCHEMA_PROMOTED);
  }

  @Test
  void withoutPromotionTheStepGoesOnWithoutACall() throws Exception {
    env.getSpec().setDatabase(null);
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).stops()).isFalse();
    assertThat(planetScale.calls()).isEmpty();
  }

  @Test
  void aMissingServiceTokenIsReportedBeforeAnyCall() throws Exception {
    RolloutContext ctx = StepFixtures.context(env, status, new FakeSecrets(), null);

    StepResult result = step.run(ctx, image());

    assertThat(result.requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.SERVICE_TOKEN_NOT_FOUND.wire());
    assertThat(planetScale.calls()).isEmpty();
  }

  @Test
  void aNewRevisionCreatesItsDeployRequestAndWaitsWhileItIsChecked() throws Exception {
    RolloutContext ctx = pass();

    StepResult result = step.run(ctx, image());

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(planetScale.calls()).containsExactly("listAll", "create");
    assertThat(planetScale.get(1).notes()).contains(SchemaPromotionStep.marker(DIGEST));
    assertThat(eventReasons(ctx)).containsExactly(Reason.DEPLOY_REQUEST_CREATED.wire());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_PENDING.wire());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.PromotingSchema);
    assertThat(ctx.status().getDeployRequest().getNumber()).isEqualTo(1L);
    assertThat(ctx.status().getDeployRequest().getRevision()).isEqualTo(DIGEST);
  }

  @Test
  void aRequestCreatedForTheRevisionEarlierIsAdopted() throws Exception {
    planetScale.put(
        FakeDeployRequests.request(7, "pending").notes(SchemaPromotionStep.marker(DIGEST)));
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(planetScale.calls()).containsExactly("listAll");
    assertThat(eventReasons(ctx)).containsExactly(Reason.DEPLOY_REQUEST_ADOPTED.wire());
    assertThat(ctx.status().getDeployRequest().getNumber()).isEqualTo(7L);
  }

  @Test
  void aProductionBranchMissingFailsTheCreate() throws Exception {
    planetScale.failNext(
        PlanetScaleApi.CREATE_DEPLOY_REQUEST,
        422,
        "unprocessable",
        "main is not a production branch.");
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.BRANCH_NOT_PRODUCTION.wire());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
  }

  @Test
  void aReadyAdditiveRequestIsDeployed() throws Exception {
    recorded(3, "pending");
    planetScale.put(FakeDeployRequests.request(3, "ready"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(planetScale.calls()).containsExactly("get #3", "deploy #3");
    assertThat(eventReasons(ctx)).containsExactly(Reason.DEPLOY_REQUEST_DEPLOYED.wire());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_DEPLOYING.wire());
    assertThat(ctx.status().getDeployRequest().getState()).isEqualTo("queued");
  }

  @Test
  void aReadyRequestWithLintErrorsIsNotDeployed() throws Exception {
    recorded(3, "pending");
    planetScale.put(FakeDeployRequests.request(3, "ready").lintErrors("table has no primary key"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE.wire());
    assertThat(planetScale.calls()).containsExactly("get #3");
  }

  @Test
  void aDeployRefusedForWantOfReviewIsApproved() throws Exception {
    recorded(3, "pending");
    planetScale.put(FakeDeployRequests.request(3, "ready").approved(false));
    planetScale.failNext(PlanetScaleApi.DEPLOY, 422, "unprocessable", "needs an approval");
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(planetScale.calls()).containsExactly("get #3", "deploy #3", "approve #3");
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_APPROVED.wire());
  }

  @Test
  void aDestructiveChangeWaitsForTheRollout() throws Exception {
    recorded(3, "pending");
    planetScale.put(
        FakeDeployRequests.request(3, "ready")
            .operations(
                new DeployRequest.DeployOperation(
                    "bookings", "ALTER TABLE `bookings` DROP COLUMN `note`", true)));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).stops()).isFalse();
    assertThat(schemaReason(ctx)).isEqualTo(Reason.SCHEMA_AFTER_ROLLOUT.wire());
    assertThat(ctx.status().getDeployRequest().getOrder()).isEqualTo(SchemaPromotionStep.AFTER);
    assertThat(planetScale.calls()).containsExactly("get #3");
  }

  @Test
  void aDeployInProgressIsWaitedFor() throws Exception {
    recorded(3, "queued");
    planetScale.put(FakeDeployRequests.request(3, "in_progress"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_DEPLOYING.wire());
  }

  @Test
  void aQueuedRequestBehindARevertWindowSaysSo() throws Exception {
    recorded(3, "queued");
    planetScale.put(
        FakeDeployRequests.request(3, "queued")
            .preceding(new DeployRequest.QueuedDeployment(2, "complete_pending_revert")));
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(schemaReason(ctx)).isEqualTo(Reason.WAITING_FOR_REVERT_WINDOW.wire());
  }

  @Test
  void aQueueBlockedByAFailedDeployIsReported() throws Exception {
    recorded(3, "queued");
    planetScale.put(
        FakeDeployRequests.request(3, "queued")
            .preceding(new DeployRequest.QueuedDeployment(2, "complete_error")));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_QUEUE_BLOCKED.wire());
    assertThat(eventReasons(ctx)).containsExactly(Reason.DEPLOY_QUEUE_BLOCKED.wire());
    assertThat(planetScale.calls()).containsExactly("get #3");
  }

  @Test
  void aQueueBlockedByAFailedDeployIsUnblockedWhenTheSpecSays() throws Exception {
    env.getSpec().getDatabase().setUnblockFailedDeploys(true);
    recorded(3, "queued");
    planetScale.put(FakeDeployRequests.request(2, "complete_error"));
    planetScale.put(
        FakeDeployRequests.request(3, "queued")
            .preceding(new DeployRequest.QueuedDeployment(2, "complete_error")));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(planetScale.calls()).containsExactly("get #3", "completeDeploy #2");
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_QUEUE_UNBLOCKED.wire());
  }

  @Test
  void aGatedCutoverIsLeftToAPerson() throws Exception {
    recorded(3, "in_progress");
    planetScale.put(FakeDeployRequests.request(3, "pending_cutover"));
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(schemaReason(ctx)).isEqualTo(Reason.AWAITING_CUTOVER.wire());
    assertThat(planetScale.calls()).containsExactly("get #3");
  }

  @Test
  void aGatedCutoverIsAppliedWhenTheSpecSays() throws Exception {
    env.getSpec().getDatabase().setApplyGatedCutover(true);
    recorded(3, "in_progress");
    planetScale.put(FakeDeployRequests.request(3, "pending_cutover"));
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(planetScale.calls()).containsExactly("get #3", "applyDeploy #3");
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_CUTOVER.wire());
  }

  @Test
  void aCompleteRequestPromotesAndLaterPassesCallNothing() throws Exception {
    recorded(3, "in_progress");
    planetScale.put(FakeDeployRequests.request(3, "complete").state("closed"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).stops()).isFalse();
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_COMPLETE.wire());
    assertThat(ctx.status().condition(ConditionType.SCHEMA_PROMOTED).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(eventReasons(ctx)).containsExactly(Reason.SCHEMA_PROMOTED.wire());

    planetScale.calls().clear();
    RolloutContext again = pass();
    assertThat(step.run(again, image()).stops()).isFalse();
    assertThat(planetScale.calls()).isEmpty();
    assertThat(again.events()).isEmpty();
  }

  @Test
  void noChangesClosesTheRequestAndPromotes() throws Exception {
    recorded(3, "pending");
    planetScale.put(FakeDeployRequests.request(3, "no_changes"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).stops()).isFalse();
    assertThat(planetScale.calls()).containsExactly("get #3", "close #3");
    assertThat(schemaReason(ctx)).isEqualTo(Reason.NO_SCHEMA_CHANGES.wire());
  }

  @Test
  void aRequestFailingChecksFailsTheRolloutAndIsClosed() throws Exception {
    recorded(3, "pending");
    planetScale.put(FakeDeployRequests.request(3, "error").lintErrors("bad DDL"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE.wire());
    assertThat(reason(ctx, ConditionType.READY))
        .isEqualTo(Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE.wire());
    assertThat(planetScale.calls()).containsExactly("get #3", "close #3");
    assertThat(ctx.status().getDeployRequest().getFailureReason())
        .isEqualTo(Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE.wire());

    // Failed for this revision: later passes make no call and never a second request.
    planetScale.calls().clear();
    RolloutContext again = pass();
    assertThat(step.run(again, image()).stops()).isTrue();
    assertThat(planetScale.calls()).isEmpty();
  }

  @Test
  void aCloseThatCannotBeAnsweredNowEndsThePassAndTheNextPassClosesAgain() throws Exception {
    recorded(3, "pending");
    planetScale.put(FakeDeployRequests.request(3, "error").lintErrors("bad DDL"));
    planetScale.failNext(PlanetScaleApi.CLOSE_DEPLOY_REQUEST, 503, "unavailable", "try later");
    RolloutContext ctx = pass();

    // No retry inside the pass: the failure ends it before anything is recorded.
    assertThatThrownBy(() -> step.run(ctx, image()))
        .isInstanceOfSatisfying(
            PlanetScaleException.class, e -> assertThat(e.isServerSide()).isTrue());
    assertThat(planetScale.calls()).containsExactly("get #3", "close #3");
    assertThat(ctx.status().getDeployRequest().getFailureReason()).isNull();
    assertThat(ctx.events()).isEmpty();

    planetScale.calls().clear();
    RolloutContext again = pass();
    assertThat(step.run(again, image()).requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(planetScale.calls()).containsExactly("get #3", "close #3");
    assertThat(again.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(again.status().getDeployRequest().getFailureReason())
        .isEqualTo(Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE.wire());
    assertThat(eventReasons(again))
        .containsExactly(
            Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE.wire(), Reason.DEPLOY_REQUEST_CLOSED.wire());
  }

  @Test
  void aRevertedRequestFailsTheRollout() throws Exception {
    recorded(3, "in_progress_revert");
    planetScale.put(FakeDeployRequests.request(3, "complete_revert").state("closed"));
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(schemaReason(ctx)).isEqualTo(Reason.SCHEMA_REVERTED.wire());
    assertThat(planetScale.calls()).containsExactly("get #3");
  }

  @Test
  void aCancelledRequestFailsTheRollout() throws Exception {
    recorded(3, "queued");
    planetScale.put(FakeDeployRequests.request(3, "cancelled"));
    RolloutContext ctx = pass();

    step.run(ctx, image());

    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_FAILED.wire());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
  }

  @Test
  void anUndocumentedStateIsWaitedOn() throws Exception {
    recorded(3, "queued");
    planetScale.put(FakeDeployRequests.request(3, "warp_speed"));
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.DEPLOY_REQUEST_STATE_UNKNOWN.wire());
  }

  @Test
  void aRefusedTokenNamesTheAccessItNeeds() throws Exception {
    recorded(3, "queued");
    planetScale.put(FakeDeployRequests.request(3, "queued"));
    planetScale.failNext(PlanetScaleApi.GET_DEPLOY_REQUEST, 403, "forbidden", "no");
    RolloutContext ctx = pass();

    assertThat(step.run(ctx, image()).requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(schemaReason(ctx)).isEqualTo(Reason.PLANETSCALE_ACCESS_DENIED.wire());
    assertThat(ctx.status().condition(ConditionType.SCHEMA_PROMOTED).orElseThrow().getMessage())
        .contains("read_deploy_request");
  }
}
