package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.PS_DATABASE;
import static dev.envops.operator.OperatorHarness.PS_ORG;
import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.planetscale.PlanetScaleClients;
import dev.envops.operator.planetscale.ServiceToken;
import dev.envops.sandbox.planetscale.DeployRequestView;
import dev.envops.sandbox.planetscale.DeployState;
import dev.envops.sandbox.planetscale.TokenPermission;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SchemaPromotionTest {

  private static final String ADD_DESCRIPTION = "ALTER TABLE hotels ADD description VARCHAR(400)";

  private OperatorHarness h;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void start() throws Exception {
    logs.start();
    root.addAppender(logs);
    h = OperatorHarness.withPlanetScale().start();
  }

  @AfterEach
  void stop() {
    h.close();
    root.detachAppender(logs);
  }

  @Test
  void schemaChangeIsDeployedBeforeTheImageRollsOut() {
    h.onBranch("dev", ADD_DESCRIPTION);
    AtomicReference<DeployState> stateAtDeployment = new AtomicReference<>();
    h.lightsail()
        .faults()
        .afterCall(
            op -> {
              if (op.equals("CreateContainerServiceDeployment")) {
                stateAtDeployment.set(requests().get(0).deploymentState());
              }
            });
    h.push("v1");
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    EnvironmentStatus ready = h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);

    List<DeployRequestView> requests = requests();
    assertThat(requests).hasSize(1);
    DeployRequestView request = requests.get(0);
    assertThat(request.ddlStatements()).anyMatch(ddl -> ddl.contains("description"));
    // Deployed, inside its revert window, when the app rolled out; the window ends once it serves.
    assertThat(stateAtDeployment.get()).isEqualTo(DeployState.COMPLETE_PENDING_REVERT);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests().get(0).deploymentState() == DeployState.COMPLETE);
    assertThat(hasCondition(ready, "SchemaPromoted", "True", "DeployRequestComplete")).isTrue();
    assertThat(ready.getDeployRequest().getNumber()).isEqualTo(request.number());
    assertThat(ready.getDeployRequest().getUrl()).endsWith("/deploy-requests/" + request.number());
    HistoryEntry rollout = ready.getHistory().get(0);
    assertThat(rollout.getDeployRequest()).isEqualTo(request.number());
    assertThat(rollout.getDeployRequestUrl()).isEqualTo(ready.getDeployRequest().getUrl());
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(1);
    assertThat(h.metrics().scrape())
        .contains("envops_deploy_requests_total{result=\"complete\"} 1");

    String statusJson = Serialization.asJson(h.get("prod"));
    String eventsJson = Serialization.asJson(h.events("prod"));
    String logText =
        String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(statusJson).doesNotContain(OperatorHarness.PS_TOKEN);
    assertThat(eventsJson)
        .doesNotContain(OperatorHarness.PS_TOKEN)
        .contains("DeployRequestCreated");
    assertThat(logText).doesNotContain(OperatorHarness.PS_TOKEN);
  }

  @Test
  void aPlanetScaleErrorEndsThePassAndTheNextPassGoesOnWithOneRequest() {
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    // Not retried inside the call: the rollout's first PlanetScale call fails, the pass ends with
    // CloudUnavailable and the reconciler's backoff brings it back.
    h.planetScale().faults().failNext(1);
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    EnvironmentStatus ready = h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);

    Event unavailable = h.awaitEvent("prod", "Warning", "CloudUnavailable");
    assertThat(unavailable.getMessage())
        .startsWith("PlanetScale API failed: PlanetScale ")
        .contains(" answered 500 internal_server_error");
    assertThat(requests()).hasSize(1);
    assertThat(h.planetScale().callCount("create_deploy_request")).isEqualTo(1);
    assertThat(hasCondition(ready, "SchemaPromoted", "True", "DeployRequestComplete")).isTrue();
  }

  @Test
  void noChangesClosesTheRequestAndRollsOut() {
    h.push("v1");
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    EnvironmentStatus ready = h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);

    assertThat(requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.deploymentState()).isEqualTo(DeployState.NO_CHANGES);
              assertThat(r.open()).isFalse();
            });
    assertThat(hasCondition(ready, "SchemaPromoted", "True", "NoSchemaChanges")).isTrue();
    assertThat(h.planetScale().callCount("queue_deploy_request")).isZero();
  }

  @Test
  void failedDeployRequestStopsBeforeAnyLightsailCall() {
    h.planetScale().failNextDeploy(PS_ORG, PS_DATABASE, DeployState.COMPLETE_ERROR);
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    EnvironmentStatus failed = h.awaitStatus("prod", s -> s.getPhase() == Phase.Failed);

    assertThat(hasCondition(failed, "SchemaPromoted", "False", "DeployRequestFailed")).isTrue();
    String message = failed.condition("Ready").orElseThrow().getMessage();
    assertThat(message).contains("complete_error", failed.getDeployRequest().getUrl());
    // Re-reconciles keep the verdict: no second request for the revision, no Lightsail call.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> requests().size() == 1 && h.lightsail().calls().isEmpty());
    assertThat(h.get("prod").getStatus().getPhase()).isEqualTo(Phase.Failed);

    // PlanetScale blocks the queue behind the failed deploy; this Environment may unblock it.
    h.push("v2");
    h.edit(
        "prod",
        e -> {
          e.getSpec().getImage().setTag("v2");
          e.getSpec().getDatabase().setUnblockFailedDeploys(true);
          return e;
        });
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(requests()).hasSize(2);
    assertThat(h.planetScale().callCount("complete_deploy")).isEqualTo(1);
  }

  @Test
  void aGatedCutoverWaitsForAPersonUnlessTheSpecOptsIn() {
    h.planetScale().gatedCutover(PS_ORG, PS_DATABASE, true);
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    EnvironmentStatus gated =
        h.awaitStatus("prod", s -> hasCondition(s, "SchemaPromoted", "False", "AwaitingCutover"));
    assertThat(gated.condition("Ready").orElseThrow().getMessage())
        .contains("pending_cutover", "applyGatedCutover");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.planetScale().callCount("apply_deploy_request") == 0);
    assertThat(h.lightsail().calls()).isEmpty();

    h.edit(
        "prod",
        e -> {
          e.getSpec().getDatabase().setApplyGatedCutover(true);
          return e;
        });

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(requests().get(0).stateHistory()).contains(DeployState.PENDING_CUTOVER);
    assertThat(h.planetScale().callCount("apply_deploy_request")).isEqualTo(1);
  }

  @Test
  void requestTheTokenMayNotApproveWaitsForAReviewer() {
    h.planetScale().requireApproval(PS_ORG, PS_DATABASE, true);
    h.onBranch("dev", ADD_DESCRIPTION);
    h.push("v1");
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    EnvironmentStatus waiting =
        h.awaitStatus("prod", s -> hasCondition(s, "SchemaPromoted", "False", "AwaitingApproval"));
    assertThat(waiting.getPhase()).isEqualTo(Phase.PromotingSchema);
    assertThat(h.lightsail().calls()).isEmpty();

    h.planetScale()
        .addServiceToken(
            "reviewer", "reviewer-secret", EnumSet.of(TokenPermission.APPROVE_DEPLOY_REQUEST));
    PlanetScaleClients.create(h.planetScale().baseUrl())
        .approve(
            new ServiceToken("reviewer", "reviewer-secret"),
            PS_ORG,
            PS_DATABASE,
            waiting.getDeployRequest().getNumber(),
            "looks good");

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(requests()).hasSize(1);
  }

  private List<DeployRequestView> requests() {
    return h.planetScale().deployRequests(PS_ORG, PS_DATABASE);
  }
}
