package dev.envops.operator.planetscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.PlanetScaleSimulator;
import dev.envops.sandbox.planetscale.TokenPermission;
import java.time.Duration;
import java.util.EnumSet;
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
        EnumSet.of(
            TokenPermission.READ_DEPLOY_REQUEST,
            TokenPermission.CREATE_DEPLOY_REQUEST,
            TokenPermission.DEPLOY_DEPLOY_REQUEST));
    client = PlanetScaleClients.create(planetScale.baseUrl());
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

    DeployRequest created = client.create(TOKEN, ORG, db, "dev", "main", "envops revision sha256:1");
    assertThat(created.isOpen()).isTrue();
    assertThat(created.notes()).isEqualTo("envops revision sha256:1");
    assertThat(client.listOpen(TOKEN, ORG, db, "dev", "main"))
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
            () -> client.get(TOKEN, ORG, db, created.number()).phase() == DeploymentState.NO_CHANGES);

    DeployRequest closed = client.close(TOKEN, ORG, db, created.number());

    assertThat(closed.isOpen()).isFalse();
    assertThat(client.listOpen(TOKEN, ORG, db, "dev", "main")).isEmpty();
  }

  @Test
  void retriesThrottledAndFailedReadsButNeverRepeatsACreate() {
    planetScale.faults().throttleNext(2);
    assertThat(client.listOpen(TOKEN, ORG, db, "dev", "main")).isEmpty();
    assertThat(planetScale.callCount("list_deploy_requests")).isGreaterThanOrEqualTo(3);

    int creates = planetScale.callCount("create_deploy_request");
    planetScale.faults().failNext(1);
    assertThatThrownBy(() -> client.create(TOKEN, ORG, db, "dev", "main", "r1"))
        .isInstanceOfSatisfying(
            PlanetScaleException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThat(planetScale.callCount("create_deploy_request")).isEqualTo(creates + 1);
    assertThat(planetScale.deployRequests(ORG, db)).isEmpty();
  }

  @Test
  void mapsAuthAndNotFoundErrorsWithoutShowingTheToken() {
    ServiceToken wrong = new ServiceToken("envops", "wrong-secret-value");
    assertThatThrownBy(() -> client.listOpen(wrong, ORG, db, "dev", "main"))
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
}
