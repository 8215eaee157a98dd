package dev.envops.operator.planetscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.PlanetScaleSimulator;
import dev.envops.sandbox.planetscale.TokenPermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanetScaleClientTest {

  private static final String ORG = "acme";
  private static final ServiceToken TOKEN = new ServiceToken("envops", "pscale_tkn_not-a-real-one");

  private static MariaDbServer mariaDb;
  private static PlanetScaleSimulator planetScale;
  private static PlanetScaleClient client;
  private String db;
  private static int databases;

  @BeforeAll
  static void start() {
    mariaDb = MariaDbServer.shared();
    planetScale = PlanetScaleSimulator.start(mariaDb, "psclient_", 0);
    planetScale
        .timings()
        .pending(Duration.ofMillis(50))
        .queued(Duration.ofMillis(20))
        .submitting(Duration.ofMillis(20))
        .inProgress(Duration.ofMillis(20))
        .cutover(Duration.ofMillis(20))
        .schemaRecheck(Duration.ofMillis(50));
    planetScale.addServiceToken(
        TOKEN.id(),
        "pscale_tkn_not-a-real-one",
        EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST, TokenPermission.CREATE_DEPLOY_REQUEST));
    // These tests poll faster than PlanetScale's 600 a minute: the budget has its own tests.
    client =
        PlanetScaleClients.create(
            planetScale.baseUrl(), new PlanetScaleBudget(1_000_000, Duration.ofMinutes(1)));
  }

  @AfterAll
  static void stop() {
    planetScale.close();
  }

  @BeforeEach
  void freshDatabase() {
    planetScale.faults().reset();
    db = "bookings" + (++databases);
    planetScale.createDatabase(ORG, db);
    mariaDb.execute(
        "CREATE TABLE `"
            + planetScale.branchDatabase(ORG, db, "main")
            + "`.hotels (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
    planetScale.createBranch(ORG, db, "dev", "main");
  }

  @Test
  void promotesASchemaChangeFromCreateToComplete() {
    mariaDb.execute(
        "ALTER TABLE `"
            + planetScale.branchDatabase(ORG, db, "dev")
            + "`.hotels ADD description VARCHAR(400)");

    DeployRequest created =
        client.create(TOKEN, ORG, db, "dev", "main", "envops revision sha256:1");
    assertThat(created.isOpen()).isTrue();
    assertThat(created.notes()).isEqualTo("envops revision sha256:1");
    assertThat(client.listAll(TOKEN, ORG, db, "dev", "main"))
        .extracting(DeployRequest::number)
        .containsExactly(created.number());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> client.get(TOKEN, ORG, db, created.number()).phase() == DeploymentState.READY);
    assertThat(client.get(TOKEN, ORG, db, created.number()).deployable()).isTrue();

    client.deploy(TOKEN, ORG, db, created.number());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> client.get(TOKEN, ORG, db, created.number()).phase() == DeploymentState.COMPLETE);
    assertThat(client.get(TOKEN, ORG, db, created.number()).htmlUrl())
        .endsWith("/deploy-requests/" + created.number());
  }

  @Test
  void closesARequestWithNoChanges() {
    DeployRequest created = client.create(TOKEN, ORG, db, "dev", "main", "nothing to promote");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.get(TOKEN, ORG, db, created.number()).phase() == DeploymentState.NO_CHANGES);

    DeployRequest closed = client.close(TOKEN, ORG, db, created.number());

    assertThat(closed.isOpen()).isFalse();
    assertThat(client.listAll(TOKEN, ORG, db, "dev", "main"))
        .singleElement()
        .satisfies(r -> assertThat(r.isOpen()).isFalse());
  }

  @Test
  void aThrottledOrFailedCallIsNotRetriedInTheCallAndACreateIsNeverRepeated() {
    // One attempt each: the reconciler's backoff brings the pass back, not a sleep in this thread.
    int lists = planetScale.callCount("list_deploy_requests");
    planetScale.faults().throttleNext(1);
    assertThatThrownBy(() -> client.listAll(TOKEN, ORG, db, "dev", "main"))
        .isInstanceOfSatisfying(
            PlanetScaleException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.isThrottling()).isTrue();
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.api()).isEqualTo("planetscale:list_deploy_requests");
            });
    assertThat(planetScale.callCount("list_deploy_requests")).isEqualTo(lists + 1);

    planetScale.faults().failNext(1);
    assertThatThrownBy(() -> client.listAll(TOKEN, ORG, db, "dev", "main"))
        .isInstanceOfSatisfying(
            PlanetScaleException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.isServerSide()).isTrue();
              assertThat(e.isRetryable()).isTrue();
            });
    assertThat(planetScale.callCount("list_deploy_requests")).isEqualTo(lists + 2);
    // The next pass's read goes through.
    assertThat(client.listAll(TOKEN, ORG, db, "dev", "main")).isEmpty();
    assertThat(planetScale.callCount("list_deploy_requests")).isEqualTo(lists + 3);

    int creates = planetScale.callCount("create_deploy_request");
    planetScale.faults().throttleNext(1);
    assertThatThrownBy(() -> client.create(TOKEN, ORG, db, "dev", "main", "r1"))
        .isInstanceOfSatisfying(
            PlanetScaleException.class, e -> assertThat(e.isThrottling()).isTrue());
    planetScale.faults().failNext(1);
    assertThatThrownBy(() -> client.create(TOKEN, ORG, db, "dev", "main", "r1"))
        .isInstanceOfSatisfying(
            PlanetScaleException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.api()).isEqualTo("planetscale:create_deploy_request");
            });
    assertThat(planetScale.callCount("create_deploy_request")).isEqualTo(creates + 2);
    assertThat(planetScale.deployRequests(ORG, db)).isEmpty();
  }

  @Test
  void mapsAuthAndNotFoundErrorsWithoutShowingTheToken() {
    ServiceToken wrong = new ServiceToken("envops", "wrong-secret-value");
    assertThatThrownBy(() -> client.listAll(wrong, ORG, db, "dev", "main"))
        .isInstanceOfSatisfying(
            PlanetScaleException.class,
            e -> {
              assertThat(e.isPermissionDenied()).isTrue();
              assertThat(e.isRetryable()).isFalse();
            })
        .message()
        .doesNotContain("wrong-secret-value");
    assertThat(wrong.toString()).doesNotContain("wrong-secret-value");

    assertThatThrownBy(() -> client.get(TOKEN, ORG, db, 4242))
        .isInstanceOfSatisfying(
            PlanetScaleException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void listAllReadsEveryPage() {
    planetScale.rateLimitPerMinute(0);
    PlanetScaleClient unbudgeted =
        PlanetScaleClients.create(
            planetScale.baseUrl(), new PlanetScaleBudget(1_000_000, Duration.ofMinutes(1)));
    try {
      for (int i = 0; i < 101; i++) {
        long number = unbudgeted.create(TOKEN, ORG, db, "dev", "main", "r" + i).number();
        unbudgeted.close(TOKEN, ORG, db, number);
      }
      long marked = unbudgeted.create(TOKEN, ORG, db, "dev", "main", "the one").number();

      planetScale.resetCallCounts();

      // Two pages of 100: the oldest two sit on the second one.
      assertThat(unbudgeted.listAll(TOKEN, ORG, db, "dev", "main"))
          .hasSize(102)
          .extracting(DeployRequest::number)
          .startsWith(marked)
          .contains(1L);
      assertThat(planetScale.callCount("list_deploy_requests")).isEqualTo(2);
    } finally {
      planetScale.rateLimitPerMinute(600);
    }
  }

  @Test
  void aMissingAccessIsA404ThatNamesTheAccessTheCallNeeds() {
    planetScale.addServiceToken(
        "reader", "reader-secret", EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST));
    ServiceToken reader = new ServiceToken("reader", "reader-secret");

    assertThatThrownBy(() -> client.create(reader, ORG, db, "dev", "main", "r1"))
        .isInstanceOfSatisfying(
            PlanetScaleException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.call()).isEqualTo(PlanetScaleApi.CREATE_DEPLOY_REQUEST);
              assertThat(e.api()).isEqualTo("planetscale:create_deploy_request");
              assertThat(e.call().access()).isEqualTo("create_deploy_request");
            });
  }

  @Test
  void revertWindowSkipRevertAndUnblockRoundTrip() {
    planetScale.timings().revertWindow(Duration.ofMinutes(30));
    mariaDb.execute(
        "ALTER TABLE `" + planetScale.branchDatabase(ORG, db, "dev") + "`.hotels ADD note TEXT");
    long number = client.create(TOKEN, ORG, db, "dev", "main", "window").number();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> client.get(TOKEN, ORG, db, number).phase() == DeploymentState.READY);
    client.deploy(TOKEN, ORG, db, number);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "complete_pending_revert"
                    .equals(client.get(TOKEN, ORG, db, number).deploymentState()));
    DeployRequest inWindow = client.get(TOKEN, ORG, db, number);
    assertThat(inWindow.isOpen()).isTrue();
    assertThat(inWindow.deployedAt()).isNotNull();
    assertThat(inWindow.isAdoptable()).isFalse();

    DeployRequest skipped = client.skipRevert(TOKEN, ORG, db, number);

    assertThat(skipped.deploymentState()).isEqualTo("complete");
    assertThatThrownBy(() -> client.completeDeploy(TOKEN, ORG, db, number))
        .isInstanceOfSatisfying(
            PlanetScaleException.class, e -> assertThat(e.isUnprocessable()).isTrue());
    assertThat(client.deployQueue(TOKEN, ORG, db)).isEmpty();
  }

  @Test
  void theBudgetKeepsABurstUnderTheServersLimitWithoutA429() {
    planetScale.rateLimit(20, Duration.ofSeconds(2));
    PlanetScaleClient budgeted =
        PlanetScaleClients.create(
            planetScale.baseUrl(), new PlanetScaleBudget(20, Duration.ofSeconds(2)));
    try {
      planetScale.resetCallCounts();
      int refused = 0;
      for (int i = 0; i < 45; i++) {
        // What a reconcile does with a refusal, in one place: come back when told to.
        AtomicInteger turnedAway = new AtomicInteger();
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> {
                  try {
                    budgeted.listAll(TOKEN, ORG, db, "dev", "main");
                    return true;
                  } catch (PlanetScaleBudgetWait e) {
                    assertThat(e.retryAfter()).isPositive();
                    turnedAway.incrementAndGet();
                    return false;
                  }
                });
        refused += turnedAway.get();
      }
      assertThat(planetScale.rateLimitedCount()).isZero();
      assertThat(planetScale.callCount("list_deploy_requests")).isEqualTo(45);
      // 45 calls against 20 in 2 s: most had to come back, and were not sent until then.
      assertThat(refused).isPositive();
    } finally {
      planetScale.rateLimitPerMinute(600);
    }
  }
}
