package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.PS_DATABASE;
import static dev.envops.operator.OperatorHarness.PS_ORG;
import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.planetscale.PlanetScaleClients;
import dev.envops.operator.planetscale.ServiceToken;
import dev.envops.sandbox.planetscale.DeployRequestView;
import dev.envops.sandbox.planetscale.DeployState;
import dev.envops.sandbox.planetscale.TokenPermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema promotion against the PlanetScale simulator's real-world defaults: the 30-minute revert
 * window, a failed deploy blocking the queue, deploy checks as {@code error}, 404 for a missing
 * access, a person's revert, and the 600-a-minute rate limit.
 */
class PlanetScaleRealityTest {

  private static final String ADD_DESCRIPTION = "ALTER TABLE hotels ADD description VARCHAR(400)";
  private static final String ADD_RATING = "ALTER TABLE hotels ADD rating INT NULL";

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aSecondReleaseInsideTheRevertWindowGetsItsOwnRequestAndItsSchema() throws Exception {
    h = OperatorHarness.withPlanetScale().start();
    // Short, but long enough that the second release must wait behind it (never zero).
    h.planetScale().timings().revertWindow(Duration.ofSeconds(4));
    List<String> columnsAtDeployment = new CopyOnWriteArrayList<>();
    h.lightsail()
        .faults()
        .afterCall(
            op -> {
              if (op.equals("CreateContainerServiceDeployment")) {
                try {
                  columnsAtDeployment.add(String.join(",", h.columns("main", "hotels")));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(keepingRevertWindow(prod("v1")));
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.deploymentState()).isEqualTo(DeployState.COMPLETE_PENDING_REVERT);
              assertThat(r.open()).isTrue();
            });

    h.onBranch("dev", ADD_RATING);
    h.push("v2");
    h.edit("prod", tag("v2"));

    EnvironmentStatus waiting =
        h.awaitStatus(
            "prod", s -> hasCondition(s, "SchemaPromoted", "False", "WaitingForRevertWindow"));
    assertThat(waiting.condition("Ready").orElseThrow().getMessage())
        .contains("#1", "/deploy-requests/1", "revert window");
    EnvironmentStatus ready =
        h.awaitStatus(
            "prod", s -> s.getPhase() == Phase.Ready && s.getImage().getTag().equals("v2"));

    assertThat(requests()).hasSize(2);
    assertThat(ready.getDeployRequest().getNumber()).isEqualTo(2);
    assertThat(requests().get(1).ddlStatements()).anyMatch(ddl -> ddl.contains("rating"));
    // v2 went out only once main had its column.
    assertThat(columnsAtDeployment).hasSize(2);
    assertThat(columnsAtDeployment.get(1)).contains("rating");
  }

  @Test
  void theOperatorEndsItsOwnRevertWindowOnceTheAppServes() throws Exception {
    h = OperatorHarness.withPlanetScale().start();
    // The simulator's default window: 30 minutes, as on PlanetScale.
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(prod("v1"));
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests().get(0).deploymentState() == DeployState.COMPLETE);
    assertThat(requests().get(0).open()).isFalse();
    assertThat(h.planetScale().callCount("skip_revert_period")).isEqualTo(1);
    h.awaitEvent("prod", "Normal", "RevertWindowSkipped");

    h.onBranch("dev", ADD_RATING);
    h.push("v2");
    h.edit("prod", tag("v2"));

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready && s.getImage().getTag().equals("v2"));
    assertThat(requests()).hasSize(2);
    assertThat(h.columns("main", "hotels")).contains("description", "rating");
  }

  @Test
  void aFailedDeployBlocksTheQueueAndIsUnblockedOnlyWhenTheSpecSaysSo() throws Exception {
    h = OperatorHarness.withPlanetScale().start();
    h.planetScale().failNextDeploy(PS_ORG, PS_DATABASE, DeployState.COMPLETE_ERROR);
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(prod("v1"));
    EnvironmentStatus failed = h.awaitStatus("prod", s -> s.getPhase() == Phase.Failed);
    assertThat(failed.condition("Ready").orElseThrow().getMessage())
        .contains("complete_error", "blocks the deploy queue", "unblockFailedDeploys");
    assertThat(requests().get(0).open()).isTrue();

    h.push("v2");
    h.edit("prod", tag("v2"));
    EnvironmentStatus blocked =
        h.awaitStatus(
            "prod", s -> hasCondition(s, "SchemaPromoted", "False", "DeployQueueBlocked"));
    assertThat(blocked.condition("Ready").orElseThrow().getMessage())
        .contains("#1", "complete_error", "pscale deploy-request unblock");
    h.awaitEvent("prod", "Warning", "DeployQueueBlocked");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.planetScale().callCount("complete_deploy") == 0);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();

    h.edit(
        "prod",
        e -> {
          e.getSpec().getDatabase().setUnblockFailedDeploys(true);
          return e;
        });

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready && s.getImage().getTag().equals("v2"));
    assertThat(h.planetScale().callCount("complete_deploy")).isEqualTo(1);
    assertThat(requests()).hasSize(2);
    assertThat(h.columns("main", "hotels")).contains("description");
  }

  @Test
  void aDeployCheckFailureIsReportedWithItsLintErrorsAndNothingRollsOut() {
    h = start();
    h.onBranch("dev", "CREATE TABLE logs (line TEXT)");
    h.push("v1");
    h.apply(prod("v1"));

    EnvironmentStatus failed = h.awaitStatus("prod", s -> s.getPhase() == Phase.Failed);

    assertThat(hasCondition(failed, "SchemaPromoted", "False", "DeployRequestNotDeployable"))
        .isTrue();
    assertThat(failed.condition("SchemaPromoted").orElseThrow().getMessage())
        .contains("NO_UNIQUE_KEY", "logs");
    assertThat(requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.deploymentState()).isEqualTo(DeployState.ERROR);
              assertThat(r.open()).isFalse();
            });
    assertThat(h.planetScale().callCount("queue_deploy_request")).isZero();
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();
  }

  @Test
  void aTokenWithoutTheCreateAccessIsToldWhichAccessItNeeds() {
    h = start();
    h.planetScale()
        .addServiceToken(
            OperatorHarness.PS_TOKEN_ID,
            OperatorHarness.PS_TOKEN,
            EnumSet.of(TokenPermission.READ_DEPLOY_REQUEST));
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(prod("v1"));

    EnvironmentStatus denied =
        h.awaitStatus(
            "prod", s -> hasCondition(s, "SchemaPromoted", "False", "PlanetScaleAccessDenied"));

    assertThat(denied.condition("SchemaPromoted").orElseThrow().getMessage())
        .contains("404", "create_deploy_request", OperatorHarness.PS_TOKEN_ID)
        .doesNotContain("deploy_deploy_request", OperatorHarness.PS_TOKEN);
    assertThat(requests()).isEmpty();
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();
  }

  @Test
  void aWaitingStatePastItsDeadlineSaysItIsStuckAndWhatItWaitsOn() throws Exception {
    h = OperatorHarness.withPlanetScale(Map.of("ENVOPS_DEPLOY_REQUEST_PATIENCE", "2s")).start();
    h.planetScale().gatedCutover(PS_ORG, PS_DATABASE, true);
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(prod("v1"));
    h.awaitStatus("prod", s -> hasCondition(s, "SchemaPromoted", "False", "AwaitingCutover"));

    EnvironmentStatus stuck =
        h.awaitStatus(
            "prod", s -> hasCondition(s, "SchemaPromoted", "False", "DeployRequestStuck"));

    assertThat(stuck.condition("SchemaPromoted").orElseThrow().getMessage())
        .contains("pending_cutover", "applyGatedCutover", "ENVOPS_DEPLOY_REQUEST_PATIENCE (2 s)");
    h.awaitEvent("prod", "Warning", "DeployRequestStuck");
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();
  }

  @Test
  void aBranchThatIsNotAProductionBranchIsRefusedWithAClearCondition() {
    h = start();
    h.planetScale().createBranch(PS_ORG, PS_DATABASE, "feature", "dev");
    h.push("v1");
    Environment env = prod("v1");
    env.getSpec().getDatabase().setBranch("dev");
    env.getSpec().getDatabase().setPromoteFrom("feature");
    h.apply(env);

    EnvironmentStatus refused =
        h.awaitStatus(
            "prod", s -> hasCondition(s, "SchemaPromoted", "False", "BranchNotProduction"));

    assertThat(refused.getPhase()).isEqualTo(Phase.Failed);
    assertThat(refused.condition("Ready").orElseThrow().getMessage())
        .contains("dev", "not a production branch");
    assertThat(requests()).isEmpty();
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isZero();
  }

  @Test
  void aRevertAfterPromotionIsReportedNotIgnored() throws Exception {
    h = start();
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(keepingRevertWindow(prod("v1")));
    EnvironmentStatus ready = h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(h.columns("main", "hotels")).contains("description");

    h.planetScale()
        .addServiceToken("dba", "dba-secret", EnumSet.of(TokenPermission.CREATE_DEPLOY_REQUEST));
    PlanetScaleClients.create(h.planetScale().baseUrl())
        .revert(
            new ServiceToken("dba", "dba-secret"),
            PS_ORG,
            PS_DATABASE,
            ready.getDeployRequest().getNumber());

    EnvironmentStatus reverted =
        h.awaitStatus("prod", s -> hasCondition(s, "SchemaPromoted", "False", "SchemaReverted"));
    assertThat(reverted.getPhase()).isEqualTo(Phase.Failed);
    assertThat(reverted.condition("Ready").orElseThrow().getMessage()).contains("reverted");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.events("prod").stream()
                        .anyMatch(
                            e ->
                                "SchemaReverted".equals(e.getReason())
                                    && "Warning".equals(e.getType()))
                    && !h.columns("main", "hotels").contains("description"));
    assertThat(h.planetScale().callCount("skip_revert_period")).isZero();
  }

  @Test
  void aFleetBumpStaysUnderTheOrganizationsBudgetWithNo429() throws Exception {
    // PlanetScale's 600 a minute, scaled down in time: 30 calls per 3 s on both sides.
    h = OperatorHarness.withPlanetScale(Map.of("ENVOPS_PLANETSCALE_BUDGET", "30/3s")).start();
    h.planetScale().rateLimit(30, Duration.ofSeconds(3));
    List<String> names = new ArrayList<>();
    h.push("v1");
    for (int i = 0; i < 4; i++) {
      String database = "fleet" + i;
      h.planetScale().createDatabase(PS_ORG, database);
      dev.envops.sandbox.mariadb.MariaDbServer.shared()
          .execute(
              "CREATE TABLE `"
                  + h.planetScale().branchDatabase(PS_ORG, database, "main")
                  + "`.hotels (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
      h.planetScale().createBranch(PS_ORG, database, "dev", "main");
      dev.envops.sandbox.mariadb.MariaDbServer.shared()
          .execute(
              "USE `"
                  + h.planetScale().branchDatabase(PS_ORG, database, "dev")
                  + "`; "
                  + ADD_DESCRIPTION);
      String name = "fleet-" + i;
      Environment env =
          Environments.withSchemaPromotion(Environments.bookings(name, h.repositoryUri(), "v1"));
      env.getSpec().getDatabase().setName(database);
      names.add(name);
      h.apply(env);
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                names.stream()
                    .allMatch(
                        n ->
                            h.get(n).getStatus() != null
                                && h.get(n).getStatus().getPhase() == Phase.Ready));

    assertThat(h.planetScale().rateLimitedCount()).isZero();
    assertThat(h.metrics().scrape())
        .contains("envops_planetscale_budget_calls_total{organization=\"acme\"}");
    for (int i = 0; i < 4; i++) {
      assertThat(h.planetScale().deployRequests(PS_ORG, "fleet" + i)).hasSize(1);
      h.planetScale().deleteDatabase(PS_ORG, "fleet" + i);
    }
  }

  private OperatorHarness start() {
    try {
      return OperatorHarness.withPlanetScale().start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Environment prod(String tag) {
    return Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), tag));
  }

  private static Environment keepingRevertWindow(Environment env) {
    env.getSpec().getDatabase().setKeepRevertWindow(true);
    return env;
  }

  private static java.util.function.UnaryOperator<Environment> tag(String tag) {
    return e -> {
      e.getSpec().getImage().setTag(tag);
      return e;
    };
  }

  private List<DeployRequestView> requests() {
    return h.planetScale().deployRequests(PS_ORG, PS_DATABASE);
  }
}
