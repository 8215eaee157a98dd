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

    ApiClient.Reply complete = awaitState(ci, ready.number(), DeployState.COMPLETE);
    assertThat(columns("main", "hotels")).containsExactly("id", "name", "address", "description");
    assertThat(complete.json().path("state").asText()).isEqualTo("closed");
    assertThat(complete.json().path("deployed_at").isNull()).isFalse();
    JsonNode finished = complete.json().path("deployment");
    assertThat(finished.path("state").asText()).isEqualTo("complete");
    for (String field :
        List.of("queued_at", "started_at", "submitted_at", "cutover_at", "finished_at")) {
      assertThat(finished.path(field).isNull()).as(field).isFalse();
    }
    assertThat(finished.path("deploy_operations").get(0).path("state").asText())
        .isEqualTo("complete");
  }

  @Test
  void deploymentMovesThroughEveryPhaseOnItsOwn() {
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
    awaitState(ci, number, DeployState.COMPLETE);
    assertThat(columns("main", "hotels")).contains("description");
    assertThat(simulator.deployRequest(ORG, db, number).stateHistory())
        .containsSubsequence(
            DeployState.IN_PROGRESS,
            DeployState.PENDING_CUTOVER,
            DeployState.IN_PROGRESS_CUTOVER,
            DeployState.COMPLETE);
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

    awaitState(ci, created.number(), DeployState.COMPLETE);
  }

  @Test
  void failingDdlEndsInCompleteErrorAndFreesTheQueue() throws SQLException {
    onBranch("main", "INSERT INTO hotels (name, address) VALUES ('Ritz', 'a'), ('Ritz', 'b')");
    onBranch("dev", "CREATE UNIQUE INDEX idx_name ON hotels (name)");
    long number = createReady(ci).number();

    ci.deploy(number);

    ApiClient.Reply failed = awaitState(ci, number, DeployState.COMPLETE_ERROR);
    assertThat(failed.json().path("state").asText()).isEqualTo("open");
    assertThat(failed.json().path("deployed_at").isNull()).isTrue();
    assertThat(ci.close(number).json().path("state").asText()).isEqualTo("closed");
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
      assertThat(ci.close(number).status()).isEqualTo(200);
    }
    assertThat(columns("main", "hotels")).doesNotContain("description");

    long number = createReady(ci).number();
    ci.deploy(number);
    awaitState(ci, number, DeployState.COMPLETE);
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

    assertThat(ci.deploy(number).status()).isEqualTo(200);
    awaitState(ci, number, DeployState.COMPLETE);
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
  void revertWindowHoldsCompletePendingRevertUntilSkipped() throws SQLException {
    simulator.timings().revertWindow(Duration.ofMinutes(30));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(ci).number();
    ci.deploy(number);

    awaitState(ci, number, DeployState.COMPLETE_PENDING_REVERT);
    assertThat(columns("main", "hotels")).contains("description");

    ApiClient.Reply skipped = ci.action(number, "skip-revert");
    assertThat(skipped.status()).isEqualTo(200);
    assertThat(skipped.state()).isEqualTo("complete");
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
    awaitState(ci, first, DeployState.COMPLETE);
    awaitState(ci, second, DeployState.PENDING_CUTOVER);
    ci.action(second, "apply-deploy");
    awaitState(ci, second, DeployState.COMPLETE);
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
  void aSecondOpenRequestForTheSameBranchesIsRefused() {
    long first = ci.create("dev", "main").number();

    ApiClient.Reply second = ci.create("dev", "main");

    assertThat(second.status()).isEqualTo(422);
    assertThat(second.json().path("message").asText()).contains("#" + first);
    assertThat(simulator.deployRequests(ORG, db)).hasSize(1);
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
