package dev.envops.sandbox.planetscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployRequestLifecycleTest extends SimulatorTestSupport {

  @Test
  void createAnswers201WithAPendingDeployRequestInTheRealShape() {
    ApiClient.Reply created = ci.create("dev", "main");

    assertThat(created.status()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("number").asLong()).isEqualTo(1);
    assertThat(json.path("id").asText()).matches("[a-z0-9]{12}");
    assertThat(json.path("branch").asText()).isEqualTo("dev");
    assertThat(json.path("into_branch").asText()).isEqualTo("main");
    assertThat(json.path("state").asText()).isEqualTo("open");
    assertThat(json.path("deployment_state").asText()).isEqualTo("pending");
    assertThat(json.path("deployment").path("state").asText()).isEqualTo("pending");
    assertThat(json.path("approved").asBoolean()).isFalse();
    assertThat(json.path("notes").asText()).isEqualTo("test");
    assertThat(json.path("html_url").asText())
        .isEqualTo("https://app.planetscale.com/acme/" + db + "/deploy-requests/1");
    assertThat(json.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(json.path("closed_at").isNull()).isTrue();
    assertThat(json.path("deployed_at").isNull()).isTrue();
    assertThat(json.path("actor").path("id").asText()).isEqualTo("ci-token");
  }

  @Test
  void identicalBranchesEndInNoChangesWhichCannotBeDeployed() {
    ApiClient.Reply created = ci.create("dev", "main");

    ApiClient.Reply settled = awaitState(ci, created.number(), DeployState.NO_CHANGES);

    assertThat(settled.json().path("deployment").path("deployable").asBoolean()).isFalse();
    ApiClient.Reply deploy = ci.deploy(created.number());
    assertThat(deploy.status()).isEqualTo(422);
    assertThat(deploy.json().path("code").asText()).isEqualTo("unprocessable");
  }

  @Test
  void openRequestFollowsLaterChangesToItsBranch() {
    long number = ci.create("dev", "main").number();
    awaitState(ci, number, DeployState.NO_CHANGES);

    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");

    ApiClient.Reply ready = awaitState(ci, number, DeployState.READY);
    assertThat(ready.json().path("deployment").path("deployable").asBoolean()).isTrue();
    onBranch("dev", "ALTER TABLE hotels DROP COLUMN description");
    awaitState(ci, number, DeployState.NO_CHANGES);
  }

  @Test
  void readyRequestDeploysThroughTheQueueAndAppliesItsDdlToTheTarget() throws SQLException {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");

    ApiClient.Reply ready = createReady(ci);
    JsonNode deployment = ready.json().path("deployment");
    assertThat(deployment.path("deployable").asBoolean()).isTrue();
    assertThat(deployment.path("lint_errors").size()).isZero();
    assertThat(deployment.path("deploy_operations").get(0).path("ddl_statement").asText())
        .startsWith("ALTER TABLE `hotels` ADD COLUMN `description` text");
    assertThat(columns("main", "hotels")).doesNotContain("description");

    ApiClient.Reply queued = ci.deploy(ready.number());
    assertThat(queued.status()).isEqualTo(200);
    assertThat(queued.state()).isEqualTo("queued");

    ApiClient.Reply deployed = awaitState(ci, ready.number(), DeployState.COMPLETE_PENDING_REVERT);
    assertThat(columns("main", "hotels")).containsExactly("id", "name", "address", "description");
    // PlanetScale keeps the request open through its revert window: deployed, not closed.
    assertThat(deployed.json().path("state").asText()).isEqualTo("open");
    assertThat(deployed.json().path("closed_at").isNull()).isTrue();
    assertThat(deployed.json().path("deployed_at").isNull()).isFalse();
    JsonNode finished = deployed.json().path("deployment");
    assertThat(finished.path("state").asText()).isEqualTo("complete_pending_revert");
    for (String field :
        List.of("queued_at", "started_at", "submitted_at", "cutover_at", "finished_at")) {
      assertThat(finished.path(field).isNull()).as(field).isFalse();
    }
    assertThat(finished.path("deploy_operations").get(0).path("state").asText())
        .isEqualTo("complete");
  }

  @Test
  void deploymentMovesThroughEveryPhaseOnItsOwn() {
    // A short (not zero) revert window, so that its end on its own is one of the phases seen.
    simulator.timings().revertWindow(Duration.ofMillis(200));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    ci.deploy(number);

    // Only the Java view is read from here on: no API call drives the state machine.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                simulator.deployRequest(ORG, db, number).deploymentState() == DeployState.COMPLETE);

    assertThat(simulator.deployRequest(ORG, db, number).stateHistory())
        .containsExactly(
            DeployState.PENDING,
            DeployState.READY,
            DeployState.QUEUED,
            DeployState.SUBMITTING,
            DeployState.IN_PROGRESS,
            DeployState.IN_PROGRESS_CUTOVER,
            DeployState.COMPLETE_PENDING_REVERT,
            DeployState.COMPLETE);
  }

  @Test
  void gatedDeploymentWaitsAtPendingCutoverUntilApplyDeploy() throws SQLException {
    simulator.gatedCutover(ORG, db, true);
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    assertThat(ci.action(number, "apply-deploy").status()).isEqualTo(422);
    ci.deploy(number);

    ApiClient.Reply gated = awaitState(ci, number, DeployState.PENDING_CUTOVER);
    assertThat(gated.json().path("deployment").path("auto_cutover").asBoolean()).isFalse();
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> ci.get(number).state().equals("pending_cutover"));
    assertThat(columns("main", "hotels")).doesNotContain("description");

    ApiClient.Reply applied = ci.action(number, "apply-deploy");
    assertThat(applied.status()).isEqualTo(200);
    assertThat(applied.state()).isEqualTo("in_progress_cutover");
    awaitState(ci, number, DeployState.COMPLETE_PENDING_REVERT);
    assertThat(columns("main", "hotels")).contains("description");
    assertThat(simulator.deployRequest(ORG, db, number).stateHistory())
        .containsSubsequence(
            DeployState.IN_PROGRESS,
            DeployState.PENDING_CUTOVER,
            DeployState.IN_PROGRESS_CUTOVER,
            DeployState.COMPLETE_PENDING_REVERT);
  }

  @Test
  void autoCutoverInTheCreateBodyOverridesTheDatabaseDefault() {
    simulator.gatedCutover(ORG, db, true);
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    ApiClient.Reply created =
        ci.send(
            "POST",
            "/deploy-requests",
            "{\"branch\":\"dev\",\"into_branch\":\"main\",\"auto_cutover\":true}");
    awaitState(ci, created.number(), DeployState.READY);

    ci.deploy(created.number());

    awaitState(ci, created.number(), DeployState.COMPLETE_PENDING_REVERT);
  }

  @Test
  void failingDdlEndsInCompleteErrorAndClosingDoesNotUnblockTheQueue() {
    onBranch("main", "INSERT INTO hotels (name, address) VALUES ('Ritz', 'a'), ('Ritz', 'b')");
    onBranch("dev", "CREATE UNIQUE INDEX idx_name ON hotels (name)");
    simulator.createBranch(ORG, db, "dev2", "main");
    onBranch("dev2", "CREATE TABLE guests (id INT PRIMARY KEY)");
    long number = createReady(ci).number();
    long next = ci.create("dev2", "main").number();
    awaitState(ci, next, DeployState.READY);

    ci.deploy(number);

    ApiClient.Reply failed = awaitState(ci, number, DeployState.COMPLETE_ERROR);
    assertThat(failed.json().path("state").asText()).isEqualTo("open");
    assertThat(failed.json().path("deployed_at").isNull()).isTrue();
    assertThat(failed.json().path("deployment").path("queue_paused").asBoolean()).isTrue();
    assertThat(ci.close(number).json().path("state").asText()).isEqualTo("closed");
    // PlanetScale does not say that closing unblocks the queue, so the simulator does not.
    ci.deploy(next);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(3))
        .until(() -> ci.get(next).state().equals("queued"));
    assertThat(ci.get(next).json().path("deployment").path("queue_paused").asBoolean()).isTrue();
  }

  @Test
  void injectedFailuresEndInTheRequestedStateWithoutTouchingTheTarget() throws SQLException {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    simulator.failNextDeploy(ORG, db, DeployState.COMPLETE_ERROR);
    simulator.failNextDeploy(ORG, db, DeployState.ERROR);
    simulator.failNextDeploy(ORG, db, DeployState.CANCELLED);

    for (DeployState expected :
        List.of(DeployState.COMPLETE_ERROR, DeployState.ERROR, DeployState.CANCELLED)) {
      long number = createReady(ci).number();
      ci.deploy(number);
      awaitState(ci, number, expected);
      if (expected == DeployState.COMPLETE_ERROR) {
        // A failed deploy blocks the queue until it is marked complete.
        assertThat(ci.completeDeploy(number).status()).isEqualTo(200);
      }
      assertThat(ci.close(number).status()).isEqualTo(200);
    }
    assertThat(columns("main", "hotels")).doesNotContain("description");

    long number = createReady(ci).number();
    deployAndAwaitRevertWindow(ci, number);
    assertThat(columns("main", "hotels")).contains("description");
  }

  @Test
  void approvalRequiredNeedsAReviewFromAnotherToken() {
    simulator.requireApproval(ORG, db, true);
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();

    ApiClient.Reply unapproved = ci.deploy(number);
    assertThat(unapproved.status()).isEqualTo(422);
    assertThat(unapproved.json().path("message").asText()).contains("approved");

    ApiClient.Reply selfApproval = ci.approve(number);
    assertThat(selfApproval.status()).isEqualTo(403);
    assertThat(ci.get(number).json().path("approved").asBoolean()).isFalse();

    ApiClient.Reply review = ci.as(REVIEWER).approve(number);
    assertThat(review.status()).isEqualTo(201);
    assertThat(review.json().path("state").asText()).isEqualTo("approved");
    assertThat(review.json().path("actor").path("id").asText()).isEqualTo("reviewer-token");
    assertThat(ci.get(number).json().path("approved").asBoolean()).isTrue();

    deployAndAwaitRevertWindow(ci, number);
  }

  @Test
  void closeMarksTheRequestClosedButNotWhileItIsDeploying() {
    simulator.gatedCutover(ORG, db, true);
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    ci.deploy(number);
    awaitState(ci, number, DeployState.PENDING_CUTOVER);

    ApiClient.Reply refused = ci.close(number);
    assertThat(refused.status()).isEqualTo(422);

    ApiClient.Reply cancelled = ci.action(number, "cancel");
    assertThat(cancelled.state()).isEqualTo("in_progress_cancel");
    awaitState(ci, number, DeployState.COMPLETE_CANCEL);
    ApiClient.Reply closed = ci.close(number);
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().path("state").asText()).isEqualTo("closed");
    assertThat(closed.json().path("closed_at").isNull()).isFalse();
    assertThat(closed.json().path("closed_by").path("id").asText()).isEqualTo("ci-token");
    assertThat(ci.deploy(number).status()).isEqualTo(422);
  }

  @Test
  void cancellingAQueuedDeploymentEndsInCancelled() {
    simulator.timings().queued(Duration.ofSeconds(30));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    ci.deploy(number);

    ApiClient.Reply cancelled = ci.action(number, "cancel");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.state()).isEqualTo("cancelled");
    assertThat(ci.action(number, "cancel").status()).isEqualTo(422);
  }

  @Test
  void theRevertWindowLasts30MinutesByDefault() {
    assertThat(new DeployTimings().revertWindow()).isEqualTo(Duration.ofMinutes(30));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();

    deployAndAwaitRevertWindow(ci, number);

    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> ci.get(number).state().equals("complete_pending_revert"));
    ApiClient.Reply waiting = ci.get(number);
    assertThat(waiting.json().path("state").asText()).isEqualTo("open");
    assertThat(waiting.json().path("closed_at").isNull()).isTrue();
    assertThat(waiting.json().path("deployed_at").isNull()).isFalse();
  }

  @Test
  void skipRevertEndsTheWindowInCompleteAndClosesTheRequest() throws SQLException {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    deployAndAwaitRevertWindow(ci, number);
    assertThat(columns("main", "hotels")).contains("description");

    ApiClient.Reply skipped = ci.skipRevert(number);

    assertThat(skipped.status()).isEqualTo(200);
    assertThat(skipped.state()).isEqualTo("complete");
    assertThat(skipped.json().path("state").asText()).isEqualTo("closed");
    assertThat(skipped.json().path("closed_at").isNull()).isFalse();
    assertThat(columns("main", "hotels")).contains("description");
    assertThat(ci.skipRevert(number).status()).isEqualTo(422);
  }

  @Test
  void theEndOfTheRevertWindowCompletesAndClosesTheRequest() {
    // Short (not zero) so the test sees the window end on its own.
    simulator.timings().revertWindow(Duration.ofMillis(300));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    deployAndAwaitRevertWindow(ci, number);

    ApiClient.Reply complete = awaitState(ci, number, DeployState.COMPLETE);

    assertThat(complete.json().path("state").asText()).isEqualTo("closed");
    assertThat(complete.json().path("closed_at").isNull()).isFalse();
    assertThat(complete.json().path("closed_by").path("id").asText()).isEqualTo("ci-token");
    assertThat(ci.revert(number).status()).isEqualTo(422);
  }

  @Test
  void closeIsRefusedInsideTheRevertWindow() {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    deployAndAwaitRevertWindow(ci, number);

    ApiClient.Reply refused = ci.close(number);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asText()).isEqualTo("unprocessable");
    assertThat(ci.get(number).json().path("state").asText()).isEqualTo("open");
  }

  @Test
  void revertInsideTheWindowUndoesTheSchemaAndKeepsRowsWrittenMeanwhile() throws SQLException {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    deployAndAwaitRevertWindow(ci, number);
    onBranch("main", "INSERT INTO hotels (name, address, description) VALUES ('Ritz', 'a', 'x')");

    ApiClient.Reply reverting = ci.revert(number);

    assertThat(reverting.status()).isEqualTo(200);
    assertThat(reverting.state()).isEqualTo("in_progress_revert");
    assertThat(ci.close(number).status()).isEqualTo(422);
    ApiClient.Reply reverted = awaitState(ci, number, DeployState.COMPLETE_REVERT);
    assertThat(reverted.json().path("state").asText()).isEqualTo("closed");
    assertThat(reverted.json().path("closed_at").isNull()).isFalse();
    assertThat(columns("main", "hotels")).containsExactly("id", "name", "address");
    assertThat(rowCount("main", "hotels")).isEqualTo(1);
    assertThat(ci.revert(number).status()).isEqualTo(422);
  }

  @Test
  void revertOutsideARevertWindowIsRefused() {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();

    ApiClient.Reply refused = ci.revert(number);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asText()).isEqualTo("unprocessable");
    assertThat(ci.get(number).state()).isEqualTo("ready");
  }

  @Test
  void aFailedDeployBlocksTheQueueUntilCompleteDeploy() {
    simulator.createBranch(ORG, db, "dev2", "main");
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    onBranch("dev2", "CREATE TABLE guests (id INT PRIMARY KEY)");
    simulator.failNextDeploy(ORG, db, DeployState.COMPLETE_ERROR);
    long failing = createReady(ci).number();
    long waiting = ci.create("dev2", "main").number();
    awaitState(ci, waiting, DeployState.READY);
    ci.deploy(failing);
    awaitState(ci, failing, DeployState.COMPLETE_ERROR);

    ci.deploy(waiting);

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(3))
        .until(() -> ci.get(waiting).state().equals("queued"));
    JsonNode deployment = ci.get(waiting).json().path("deployment");
    assertThat(deployment.path("queue_paused").asBoolean()).isTrue();
    assertThat(deployment.path("queue_pause_reason").asText())
        .contains("#" + failing)
        .contains("complete_error");
    JsonNode ahead = deployment.path("preceding_deployments");
    assertThat(ahead.get(0).path("deploy_request_number").asLong()).isEqualTo(failing);
    assertThat(ahead.get(0).path("state").asText()).isEqualTo("complete_error");

    ApiClient.Reply completed = ci.completeDeploy(failing);

    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.state()).isEqualTo("complete");
    assertThat(completed.json().path("deployment").path("queue_paused").asBoolean()).isFalse();
    awaitState(ci, waiting, DeployState.COMPLETE_PENDING_REVERT);
  }

  @Test
  void aFailedRevertBlocksTheQueueUntilCompleteDeployMarksItCompleteRevert() throws SQLException {
    // The deploy drops a unique index; rows written in the window break it, so the revert fails.
    onBranch("main", "CREATE UNIQUE INDEX idx_name ON hotels (name)");
    long number = createReady(ci).number();
    deployAndAwaitRevertWindow(ci, number);
    // Branched after the deploy, so its only change is the new table.
    simulator.createBranch(ORG, db, "dev2", "main");
    onBranch("dev2", "CREATE TABLE guests (id INT PRIMARY KEY)");
    long waiting = ci.create("dev2", "main").number();
    awaitState(ci, waiting, DeployState.READY);
    onBranch("main", "INSERT INTO hotels (name, address) VALUES ('Ritz', 'a'), ('Ritz', 'b')");
    ci.revert(number);

    ApiClient.Reply failed = awaitState(ci, number, DeployState.COMPLETE_REVERT_ERROR);
    assertThat(failed.json().path("deployment").path("queue_paused").asBoolean()).isTrue();
    ci.deploy(waiting);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(3))
        .until(() -> ci.get(waiting).state().equals("queued"));

    ApiClient.Reply completed = ci.completeDeploy(number);

    assertThat(completed.status()).isEqualTo(200);
    assertThat(completed.state()).isEqualTo("complete_revert");
    awaitState(ci, waiting, DeployState.COMPLETE_PENDING_REVERT);
    assertThat(rowCount("main", "hotels")).isEqualTo(2);
  }

  @Test
  void completeDeployIsRefusedUnlessADeployOrRevertFailed() {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    assertThat(ci.completeDeploy(number).status()).isEqualTo(422);

    deployAndAwaitRevertWindow(ci, number);

    ApiClient.Reply refused = ci.completeDeploy(number);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asText()).isEqualTo("unprocessable");
    assertThat(ci.get(number).state()).isEqualTo("complete_pending_revert");
  }

  @Test
  void theDeployQueueListsWhatRunsThenWhatWaits() {
    simulator.gatedCutover(ORG, db, true);
    simulator.createBranch(ORG, db, "dev2", "main");
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    onBranch("dev2", "CREATE TABLE guests (id INT PRIMARY KEY)");
    long first = createReady(ci).number();
    long second = ci.create("dev2", "main").number();
    awaitState(ci, second, DeployState.READY);
    assertThat(ci.deployQueue().json().path("data")).isEmpty();
    ci.deploy(first);
    awaitState(ci, first, DeployState.PENDING_CUTOVER);
    ci.deploy(second);
    awaitState(ci, second, DeployState.QUEUED);

    ApiClient.Reply queue = ci.deployQueue();

    assertThat(queue.status()).isEqualTo(200);
    assertThat(queue.json().path("type").asText()).isEqualTo("list");
    assertThat(queue.json().path("total_count").asInt()).isEqualTo(2);
    JsonNode data = queue.json().path("data");
    assertThat(data.get(0).path("deploy_request_number").asLong()).isEqualTo(first);
    assertThat(data.get(0).path("state").asText()).isEqualTo("pending_cutover");
    assertThat(data.get(1).path("deploy_request_number").asLong()).isEqualTo(second);
    assertThat(data.get(1).path("state").asText()).isEqualTo("queued");
    assertThat(ci.as(READER).deployQueue().status()).isEqualTo(200);
  }

  @Test
  void theQueueRunsOneDeploymentAtATime() {
    simulator.gatedCutover(ORG, db, true);
    simulator.createBranch(ORG, db, "dev2", "main");
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    onBranch("dev2", "CREATE TABLE guests (id INT PRIMARY KEY)");
    long first = createReady(ci).number();
    long second = ci.create("dev2", "main").number();
    awaitState(ci, second, DeployState.READY);

    ci.deploy(first);
    awaitState(ci, first, DeployState.PENDING_CUTOVER);
    ci.deploy(second);

    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> ci.get(second).state().equals("queued"));
    JsonNode preceding = ci.get(second).json().path("deployment").path("preceding_deployments");
    assertThat(preceding).hasSize(1);
    assertThat(preceding.get(0).path("deploy_request_number").asLong()).isEqualTo(first);

    ci.action(first, "apply-deploy");
    awaitState(ci, first, DeployState.COMPLETE_PENDING_REVERT);
    // The first's revert window still holds the queue ("skip the revert to unblock the queue").
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> ci.get(second).state().equals("queued"));
    ci.skipRevert(first);
    awaitState(ci, second, DeployState.PENDING_CUTOVER);
    ci.action(second, "apply-deploy");
    awaitState(ci, second, DeployState.COMPLETE_PENDING_REVERT);
  }

  @Test
  void listingWithFiltersFindsTheOpenRequestToAdopt() {
    simulator.createBranch(ORG, db, "other", "main");
    long closed = ci.create("dev", "main").number();
    awaitState(ci, closed, DeployState.NO_CHANGES);
    ci.close(closed);
    long open = ci.create("dev", "main").number();
    ci.create("other", "main");

    ApiClient.Reply list =
        ci.send("GET", "/deploy-requests?state=open&branch=dev&into_branch=main", null);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("type").asText()).isEqualTo("list");
    assertThat(list.json().path("current_page").asInt()).isEqualTo(1);
    assertThat(list.json().path("data")).hasSize(1);
    assertThat(list.json().path("data").get(0).path("number").asLong()).isEqualTo(open);
    ApiClient.Reply closedList = ci.send("GET", "/deploy-requests?state=closed", null);
    assertThat(closedList.json().path("data")).hasSize(1);
    assertThat(closedList.json().path("data").get(0).path("number").asLong()).isEqualTo(closed);
    assertThat(ci.send("GET", "/deploy-requests", null).json().path("data")).hasSize(3);
  }

  @Test
  void listsCarryTotalCountAndTotalPages() {
    simulator.createBranch(ORG, db, "other", "main");
    simulator.createBranch(ORG, db, "third", "main");
    ci.create("dev", "main");
    ci.create("other", "main");
    ci.create("third", "main");

    ApiClient.Reply first = ci.send("GET", "/deploy-requests?per_page=2", null);
    ApiClient.Reply second = ci.send("GET", "/deploy-requests?page=2&per_page=2", null);

    assertThat(first.json().path("total_count").asInt()).isEqualTo(3);
    assertThat(first.json().path("total_pages").asInt()).isEqualTo(2);
    assertThat(first.json().path("data")).hasSize(2);
    assertThat(first.json().path("next_page").asInt()).isEqualTo(2);
    assertThat(second.json().path("total_count").asInt()).isEqualTo(3);
    assertThat(second.json().path("data")).hasSize(1);
    assertThat(second.json().path("next_page").isNull()).isTrue();
  }

  @Test
  void aSecondOpenRequestForTheSameBranchesIsRefused() {
    long first = ci.create("dev", "main").number();

    ApiClient.Reply second = ci.create("dev", "main");

    assertThat(second.status()).isEqualTo(422);
    assertThat(second.json().path("message").asText()).contains("#" + first);
    assertThat(simulator.deployRequests(ORG, db)).hasSize(1);
  }

  @Test
  void aNewRequestForTheSameBranchesMayOpenOnceTheFirstIsDeployed() {
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long first = createReady(ci).number();
    deployAndAwaitRevertWindow(ci, first);
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN stars INT NULL");

    ApiClient.Reply second = ci.create("dev", "main");

    assertThat(second.status()).isEqualTo(201);
    assertThat(ci.get(first).json().path("state").asText()).isEqualTo("open");
    // The first's revert window holds the queue, so the second waits in it.
    awaitState(ci, second.number(), DeployState.READY);
    ci.deploy(second.number());
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> ci.get(second.number()).state().equals("queued"));
  }

  @Test
  void branchIsServedWithItsParent() {
    ApiClient.Reply branch = ci.send("GET", "/branches/dev", null);

    assertThat(branch.status()).isEqualTo(200);
    assertThat(branch.json().path("name").asText()).isEqualTo("dev");
    assertThat(branch.json().path("parent_branch").asText()).isEqualTo("main");
    assertThat(branch.json().path("production").asBoolean()).isFalse();
    assertThat(ci.send("GET", "/branches/main", null).json().path("production").asBoolean())
        .isTrue();
    simulator.createBranch(ORG, db, "feature/x", "dev");
    assertThat(ci.send("GET", "/branches/feature%2Fx", null).json().path("parent_branch").asText())
        .isEqualTo("dev");
  }

  private int rowCount(String branch, String table) throws SQLException {
    String database = simulator.branchDatabase(ORG, db, branch);
    try (Connection connection = DriverManager.getConnection(mariaDb.jdbcUrl(database));
        PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM `" + table + "`");
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private List<String> columns(String branch, String table) throws SQLException {
    String database = simulator.branchDatabase(ORG, db, branch);
    try (Connection connection = DriverManager.getConnection(mariaDb.jdbcUrl(database));
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      statement.setString(1, database);
      statement.setString(2, table);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    }
  }
}
