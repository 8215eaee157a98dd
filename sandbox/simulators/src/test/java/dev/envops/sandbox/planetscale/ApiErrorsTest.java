package dev.envops.sandbox.planetscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiErrorsTest extends SimulatorTestSupport {

  private static boolean schemaExists(String name) throws SQLException {
    try (Connection connection = DriverManager.getConnection(mariaDb.jdbcUrl(""));
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }

  @Test
  void missingOrWrongCredentialsAre401() {
    for (String authorization :
        new String[] {
          null, "ci-token:wrong-secret", "nobody:ci-secret", "Bearer ci-secret", "ci-secret"
        }) {
      ApiClient.Reply reply = ci.as(authorization).send("GET", "/deploy-requests", null);

      assertThat(reply.status()).as(String.valueOf(authorization)).isEqualTo(401);
      assertThat(reply.json().path("code").asText()).isEqualTo("unauthorized");
      assertThat(reply.json().path("message").asText()).doesNotContain("ci-secret");
    }
  }

  @Test
  void missingAccessIs404NotFoundAndChangesNothing() {
    // PlanetScale hides what a token may not touch: a missing access answers 404, not 403.
    ApiClient reader = ci.as(READER);

    ApiClient.Reply create = reader.create("dev", "main");

    assertThat(create.status()).isEqualTo(404);
    assertThat(create.json().path("code").asText()).isEqualTo("not_found");
    assertThat(create.json().path("message").asText())
        .doesNotContain("create_deploy_request")
        .doesNotContain("access");
    assertThat(simulator.deployRequests(ORG, db)).isEmpty();
    assertThat(reader.send("GET", "/branches/dev", null).status()).isEqualTo(404);
    long number = ci.create("dev", "main").number();
    assertThat(reader.get(number).status()).isEqualTo(200);
    assertThat(reader.deploy(number).status()).isEqualTo(404);
    assertThat(ci.as(REVIEWER).close(number).status()).isEqualTo(404);
    assertThat(simulator.deployRequest(ORG, db, number).open()).isTrue();
  }

  @Test
  void everyDeployActionNeedsCreateDeployRequest() {
    // There is no deploy_deploy_request token access: a token that may read and approve but not
    // create gets 404 for each deploy action, and one with create_deploy_request alone may do them.
    simulator.addServiceToken(
        "deployer-token",
        "deployer-secret",
        EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST, TokenPermission.CREATE_DEPLOY_REQUEST));
    ApiClient deployer = ci.as("deployer-token:deployer-secret");
    ApiClient reviewer = ci.as(REVIEWER);
    simulator.gatedCutover(ORG, db, true);
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = createReady(deployer).number();

    for (String action :
        List.of("deploy", "apply-deploy", "cancel", "skip-revert", "revert", "complete-deploy")) {
      assertThat(reviewer.action(number, action).status()).as(action).isEqualTo(404);
    }
    assertThat(
            reviewer
                .send("PUT", "/deploy-requests/" + number + "/auto-apply", "{\"enable\":true}")
                .status())
        .isEqualTo(404);
    assertThat(simulator.deployRequest(ORG, db, number).deploymentState())
        .isEqualTo(DeployState.READY);

    assertThat(deployer.deploy(number).status()).isEqualTo(200);
    awaitState(deployer, number, DeployState.PENDING_CUTOVER);
    assertThat(deployer.action(number, "apply-deploy").status()).isEqualTo(200);
    awaitState(deployer, number, DeployState.COMPLETE_PENDING_REVERT);
    assertThat(deployer.skipRevert(number).status()).isEqualTo(200);
  }

  @Test
  void reviewsNeedApproveOrReviewDeployRequest() {
    simulator.addServiceToken(
        "review-only-token",
        "review-only-secret",
        EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST, TokenPermission.REVIEW_DEPLOY_REQUEST));
    simulator.addServiceToken(
        "creator-token",
        "creator-secret",
        EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST, TokenPermission.CREATE_DEPLOY_REQUEST));
    long number = ci.create("dev", "main").number();

    assertThat(ci.as("creator-token:creator-secret").approve(number).status()).isEqualTo(404);
    assertThat(ci.get(number).json().path("approved").asBoolean()).isFalse();

    ApiClient.Reply review = ci.as("review-only-token:review-only-secret").approve(number);
    assertThat(review.status()).isEqualTo(201);
    assertThat(ci.get(number).json().path("approved").asBoolean()).isTrue();
  }

  @Test
  void unknownThingsAre404NotFound() throws SQLException {
    ApiClient.Reply missingRequest = ci.get(99);
    assertThat(missingRequest.status()).isEqualTo(404);
    assertThat(missingRequest.json().path("code").asText()).isEqualTo("not_found");

    assertThat(ci.send("GET", "/deploy-requests/abc", null).status()).isEqualTo(404);
    assertThat(ci.send("GET", "/branches/nope", null).status()).isEqualTo(404);
    assertThat(ci.create("nope", "main").status()).isEqualTo(404);
    assertThat(ci.send("GET", "/no-such-collection", null).status()).isEqualTo(404);
    assertThat(new ApiClient(simulator, ORG, "no-such-db", CI).get(1).status()).isEqualTo(404);
    assertThat(new ApiClient(simulator, "no-such-org", db, CI).get(1).status()).isEqualTo(404);
    String devDatabase = simulator.branchDatabase(ORG, db, "dev");
    simulator.deleteDatabase(ORG, db);
    assertThat(ci.get(1).status()).isEqualTo(404);
    assertThat(schemaExists(devDatabase)).isFalse();
  }

  @Test
  void invalidInputIs422Or400() {
    assertThat(ci.send("POST", "/deploy-requests", "{\"into_branch\":\"main\"}").status())
        .isEqualTo(422);
    assertThat(ci.create("main", "main").status()).isEqualTo(422);
    assertThat(ci.send("POST", "/deploy-requests", "{not json").status()).isEqualTo(400);
    long number = ci.create("dev", "main").number();
    assertThat(ci.send("PATCH", "/deploy-requests/" + number, "{\"state\":\"open\"}").status())
        .isEqualTo(422);
  }

  @Test
  void deployingAPendingRequestIs422() {
    simulator.timings().pending(Duration.ofMinutes(5));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = ci.create("dev", "main").number();

    ApiClient.Reply deploy = ci.deploy(number);

    assertThat(deploy.status()).isEqualTo(422);
    assertThat(deploy.json().path("code").asText()).isEqualTo("unprocessable");
    assertThat(deploy.json().path("message").asText()).contains("pending");
  }

  @Test
  void aNewTableWithoutAUniqueKeyFailsTheDeployCheckAsError() {
    onBranch("dev", "CREATE TABLE logs (line TEXT)");

    ApiClient.Reply failed = awaitState(ci, ci.create("dev", "main").number(), DeployState.ERROR);

    // Real shape: deployment_state error (not a non-deployable ready), lint_errors, never queued.
    JsonNode deployment = failed.json().path("deployment");
    assertThat(failed.json().path("state").asText()).isEqualTo("open");
    assertThat(deployment.path("state").asText()).isEqualTo("error");
    assertThat(deployment.path("deployable").asBoolean()).isFalse();
    assertThat(deployment.path("queued_at").isNull()).isTrue();
    JsonNode lintError = deployment.path("lint_errors").get(0);
    assertThat(lintError.path("lint_error").asText()).isEqualTo("NO_UNIQUE_KEY");
    assertThat(lintError.path("error_description").asText()).contains("logs");
    assertThat(ci.deploy(failed.number()).status()).isEqualTo(422);
    // A deploy-check failure does not block the deploy queue.
    assertThat(deployment.path("queue_paused").asBoolean()).isFalse();
  }

  @Test
  void lintErrorsNextForcesOtherDeployCheckFailures() {
    simulator.lintErrorsNext(
        ORG, db, List.of("INVALID_CHARSET: column description uses an unsupported charset"));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");

    ApiClient.Reply failed = awaitState(ci, ci.create("dev", "main").number(), DeployState.ERROR);

    JsonNode lintError = failed.json().path("deployment").path("lint_errors").get(0);
    assertThat(failed.json().path("deployment").path("deployable").asBoolean()).isFalse();
    assertThat(lintError.path("lint_error").asText()).isEqualTo("INVALID_CHARSET");
    assertThat(lintError.path("error_description").asText())
        .isEqualTo("column description uses an unsupported charset");
    assertThat(ci.deploy(failed.number()).status()).isEqualTo(422);
  }

  @Test
  void aDeployRequestIntoANonProductionBranchIsRefused() {
    simulator.createBranch(ORG, db, "feature", "dev");
    onBranch("feature", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");

    ApiClient.Reply refused = ci.create("feature", "dev");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("message").asText())
        .isEqualTo("Database branch dev is not a production branch.");
    assertThat(simulator.deployRequests(ORG, db)).isEmpty();
    assertThat(ci.create("feature", "main").status()).isEqualTo(201);
  }

  @Test
  void throttlingIs429AndServerErrorsAre500UntilReset() {
    simulator.faults().throttleRate(1.0);
    ApiClient.Reply throttled = ci.create("dev", "main");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().path("code").asText()).isEqualTo("rate_limited");

    simulator.faults().reset().errorRate(1.0);
    ApiClient.Reply failed = ci.create("dev", "main");
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.json().has("message")).isTrue();
    assertThat(simulator.deployRequests(ORG, db)).isEmpty();

    simulator.faults().reset();
    assertThat(ci.create("dev", "main").status()).isEqualTo(201);
    assertThat(simulator.callCount(Operation.CREATE_DEPLOY_REQUEST)).isEqualTo(3);
  }

  @Test
  void throttleNextAnswers429OnlyForTheNextCalls() {
    simulator.faults().throttleNext(2);

    assertThat(ci.create("dev", "main").status()).isEqualTo(429);
    assertThat(ci.create("dev", "main").status()).isEqualTo(429);
    assertThat(ci.create("dev", "main").status()).isEqualTo(201);
  }

  @Test
  void rateLimitAnswers429PerTokenOnceTheBudgetIsSpent() {
    simulator.rateLimitPerMinute(3);
    for (int i = 0; i < 3; i++) {
      assertThat(ci.send("GET", "/deploy-requests", null).status()).isEqualTo(200);
    }

    ApiClient.Reply limited = ci.send("GET", "/deploy-requests", null);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("code").asText()).isEqualTo("rate_limited");
    assertThat(ci.as(READER).send("GET", "/deploy-requests", null).status()).isEqualTo(200);
    assertThat(simulator.rateLimitedCount()).isEqualTo(1);
  }

  @Test
  void rateLimitIsOnByDefaultAt600CallsAMinute() {
    // A simulator of its own: the shared one has its limit reset by every test.
    try (PlanetScaleSimulator fresh = PlanetScaleSimulator.start(mariaDb, "ratelimit_", 0)) {
      fresh.addServiceToken(
          "ci-token", "ci-secret", EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST));
      fresh.addServiceToken(
          "reader-token", "reader-secret", EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST));
      fresh.createDatabase(ORG, db);
      try {
        ApiClient client = new ApiClient(fresh, ORG, db, CI);
        for (int i = 0; i < 600; i++) {
          assertThat(client.send("GET", "/deploy-requests", null).status())
              .as("call %d", i + 1)
              .isEqualTo(200);
        }

        assertThat(client.send("GET", "/deploy-requests", null).status()).isEqualTo(429);
        assertThat(fresh.rateLimitedCount()).isEqualTo(1);
        assertThat(client.as(READER).send("GET", "/deploy-requests", null).status()).isEqualTo(200);
      } finally {
        fresh.deleteDatabase(ORG, db);
      }
    }
  }

  @Test
  void rateLimitOverAShorterWindowRefillsWhenTheWindowHasPassed() {
    simulator.rateLimit(3, Duration.ofSeconds(1));
    for (int i = 0; i < 3; i++) {
      assertThat(ci.send("GET", "/deploy-requests", null).status()).isEqualTo(200);
    }
    assertThat(ci.send("GET", "/deploy-requests", null).status()).isEqualTo(429);

    // Refused calls do not use the budget, so polling does not keep the limit on.
    await()
        .atLeast(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> ci.send("GET", "/deploy-requests", null).status() == 200);
    assertThat(simulator.rateLimitedCount()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void rateLimitedCountCountsOnlyTheLimitsRefusalsAndZeroTurnsTheLimitOff() {
    simulator.faults().throttleNext(1);
    assertThat(ci.send("GET", "/deploy-requests", null).status()).isEqualTo(429);
    assertThat(simulator.rateLimitedCount()).isZero();

    simulator.rateLimitPerMinute(1);
    assertThat(ci.send("GET", "/deploy-requests", null).status()).isEqualTo(200);
    assertThat(ci.send("GET", "/deploy-requests", null).status()).isEqualTo(429);
    assertThat(simulator.rateLimitedCount()).isEqualTo(1);

    simulator.rateLimitPerMinute(0);
    for (int i = 0; i < 20; i++) {
      assertThat(ci.send("GET", "/deploy-requests", null).status()).isEqualTo(200);
    }
    assertThat(simulator.rateLimitedCount()).isEqualTo(1);
  }

  @Test
  void aCrashAfterCreateLosesTheAnswerButTheRequestExistsAndCanBeAdopted() {
    simulator
        .faults()
        .afterCall(
            operation -> {
              if (operation.equals("create_deploy_request")) {
                throw new IllegalStateException("client crashed");
              }
            });

    assertThatThrownBy(() -> ci.create("dev", "main")).isInstanceOf(UncheckedIOException.class);

    simulator.faults().reset();
    ApiClient.Reply open =
        ci.send("GET", "/deploy-requests?state=open&branch=dev&into_branch=main", null);
    assertThat(open.json().path("data")).hasSize(1);
    assertThat(simulator.callCount("create_deploy_request")).isEqualTo(1);
    assertThat(simulator.callCount("list_deploy_requests")).isEqualTo(1);
  }
}
