package dev.envops.sandbox.planetscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  void missingAccessIs403AndChangesNothing() {
    ApiClient reader = ci.as(READER);

    ApiClient.Reply create = reader.create("dev", "main");

    assertThat(create.status()).isEqualTo(403);
    assertThat(create.json().path("code").asText()).isEqualTo("forbidden");
    assertThat(create.json().path("message").asText()).contains("create_deploy_request");
    assertThat(simulator.deployRequests(ORG, db)).isEmpty();
    assertThat(reader.send("GET", "/branches/dev", null).status()).isEqualTo(403);
    long number = ci.create("dev", "main").number();
    assertThat(reader.get(number).status()).isEqualTo(200);
    assertThat(reader.deploy(number).status()).isEqualTo(403);
    assertThat(ci.as(REVIEWER).close(number).status()).isEqualTo(403);
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
    simulator.timings().pending(java.time.Duration.ofMinutes(5));
    onBranch("dev", "ALTER TABLE hotels ADD COLUMN description TEXT NULL");
    long number = ci.create("dev", "main").number();

    ApiClient.Reply deploy = ci.deploy(number);

    assertThat(deploy.status()).isEqualTo(422);
    assertThat(deploy.json().path("code").asText()).isEqualTo("unprocessable");
    assertThat(deploy.json().path("message").asText()).contains("pending");
  }

  @Test
  void lintErrorsMakeAReadyRequestUndeployable() {
    simulator.lintErrorsNext(ORG, db, java.util.List.of("no_primary_key"));
    onBranch("dev", "CREATE TABLE logs (line TEXT)");

    ApiClient.Reply ready = createReady(ci);

    assertThat(ready.json().path("deployment").path("deployable").asBoolean()).isFalse();
    assertThat(
            ready.json().path("deployment").path("lint_errors").get(0).path("lint_error").asText())
        .isEqualTo("no_primary_key");
    assertThat(ci.deploy(ready.number()).status()).isEqualTo(422);
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
