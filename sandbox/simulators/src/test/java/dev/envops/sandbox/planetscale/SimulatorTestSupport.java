package dev.envops.sandbox.planetscale;

import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A simulator on the shared MariaDB, a fresh database per test and three service tokens. */
abstract class SimulatorTestSupport {

  static final String ORG = "acme";
  static final String CI = "ci-token:ci-secret";
  static final String REVIEWER = "reviewer-token:reviewer-secret";
  static final String READER = "reader-token:reader-secret";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  static MariaDbServer mariaDb;
  static PlanetScaleSimulator simulator;

  String db;
  ApiClient ci;

  @BeforeAll
  static void startSimulator() {
    mariaDb = MariaDbServer.shared();
    simulator = PlanetScaleSimulator.start(mariaDb, "pst_", 0);
    simulator.addServiceToken(
        "ci-token",
        "ci-secret",
        EnumSet.of(
            TokenPermission.READ_DEPLOY_REQUEST,
            TokenPermission.CREATE_DEPLOY_REQUEST,
            TokenPermission.APPROVE_DEPLOY_REQUEST,
            TokenPermission.READ_BRANCH));
    simulator.addServiceToken(
        "reviewer-token",
        "reviewer-secret",
        EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST, TokenPermission.APPROVE_DEPLOY_REQUEST));
    simulator.addServiceToken(
        "reader-token", "reader-secret", EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void createDatabaseWithDevBranch() {
    // Phases are shortened, but the revert window keeps PlanetScale's 30 minutes: a deployed
    // request stays open in complete_pending_revert and holds the queue unless a test skips it.
    simulator
        .timings()
        .allPhases(Duration.ofMillis(30))
        .revertWindow(new DeployTimings().revertWindow())
        .schemaRecheck(Duration.ofMillis(50));
    // PlanetScale's 600 calls a minute per token, stays on; resetting it gives each test its own
    // budget on the shared simulator.
    simulator.rateLimitPerMinute(600);
    db = "bookings" + DATABASES.incrementAndGet();
    simulator.createDatabase(ORG, db);
    onBranch(
        "main",
        "CREATE TABLE hotels (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " name VARCHAR(255) NOT NULL, address VARCHAR(255) NOT NULL)");
    simulator.createBranch(ORG, db, "dev", "main");
    ci = new ApiClient(simulator, ORG, db, CI);
    simulator.resetCallCounts();
  }

  @AfterEach
  void clearFaultsAndDropTheDatabase() {
    simulator.faults().reset();
    simulator.deleteDatabase(ORG, db);
  }

  void onBranch(String branch, String sql) {
    Sql.run(mariaDb, simulator.branchDatabase(ORG, db, branch), sql);
  }

  ApiClient.Reply awaitState(ApiClient client, long number, DeployState state) {
    ApiClient.Reply[] last = new ApiClient.Reply[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> (last[0] = client.get(number)).state().equals(state.wireName()));
    return last[0];
  }

  /**
   * Deploys ready request {@code number} and waits for the cut-over: on PlanetScale the request
   * then stays open in its revert window.
   */
  ApiClient.Reply deployAndAwaitRevertWindow(ApiClient client, long number) {
    ApiClient.Reply queued = client.deploy(number);
    if (queued.status() != 200) {
      throw new AssertionError("deploy of #" + number + " answered " + queued);
    }
    return awaitState(client, number, DeployState.COMPLETE_PENDING_REVERT);
  }

  /** Creates a deploy request from dev into main and waits until its diff is computed. */
  ApiClient.Reply createReady(ApiClient client) {
    ApiClient.Reply created = client.create("dev", "main");
    return awaitState(client, created.number(), DeployState.READY);
  }
}
