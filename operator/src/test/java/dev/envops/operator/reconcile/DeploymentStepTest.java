package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.REGION;
import static dev.envops.operator.reconcile.StepFixtures.REPO;
import static dev.envops.operator.reconcile.StepFixtures.context;
import static dev.envops.operator.reconcile.StepFixtures.desired;
import static dev.envops.operator.reconcile.StepFixtures.eventReasons;
import static dev.envops.operator.reconcile.StepFixtures.image;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.LightsailStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.fakes.FakeCloud;
import dev.envops.operator.fakes.Lightsail;
import dev.envops.operator.lightsail.DeploymentRecord;
import dev.envops.operator.lightsail.DesiredDeployment;
import dev.envops.operator.lightsail.ServiceState;
import dev.envops.operator.metrics.OperatorMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DeploymentStep alone, against fake Lightsail and ECR pull access (see {@link StepFixtures}). */
class DeploymentStepTest {

  private static final OperatorMetrics METRICS = new OperatorMetrics();
  private static final String SERVICE = "qa-service";

  private final FakeCloud cloud = new FakeCloud();
  private final DeploymentStep step = new DeploymentStep(CONFIG, cloud.lookup(), METRICS);
  private Environment env;
  private EnvironmentStatus status;
  private SeenService seen;

  @BeforeEach
  void setUp() {
    env = StepFixtures.env();
    status = new EnvironmentStatus();
  }

  /** A pass whose ContainerServiceStep handed over {@code service} (fresh, not the shared view). */
  private RolloutContext passWith(ServiceState service) {
    cloud.services.put(REGION, service);
    seen = new SeenService(service, false);
    return context(env, status);
  }

  /** Runs the step on the service ContainerServiceStep handed over. */
  private Outcome<DesiredDeployment> run(RolloutContext ctx) {
    return step.run(ctx, image(), seen);
  }

  private DeploymentRecord v(int version, String state) {
    return Lightsail.deployment(version, state, desired(env, "v1"));
  }

  private DeploymentRecord other(int version, String state) {
    return Lightsail.deployment(version, state, desired(env, "v0"));
  }

  @Test
  void aServiceGoneSinceTheSharedViewSawItIsWaitedFor() throws Exception {
    RolloutContext ctx = context(env, status);
    seen = new SeenService(Lightsail.ready(SERVICE).build(), true);

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.SERVICE_NOT_SETTLED.wire());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Deploying);
    assertThat(cloud.services.calls()).containsExactly("current us-east-1/qa-service");
  }

  @Test
  void aServiceAtRestInTheSharedViewIsNotReadAgain() throws Exception {
    ServiceState service =
        Lightsail.ready(SERVICE).state("RUNNING").currentDeployment(v(1, "ACTIVE")).build();
    cloud.services.put(REGION, service);
    RolloutContext ctx = context(env, status);
    seen = new SeenService(service, true);

    assertThat(run(ctx).stops()).isFalse();
    assertThat(cloud.services.calls()).isEmpty();
  }

  @Test
  void aServiceNotSettledIsWaitedForWithoutDeploying() throws Exception {
    RolloutContext ctx =
        passWith(Lightsail.service(SERVICE, "UPDATING", Lightsail.PRINCIPAL).build());

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.SERVICE_NOT_SETTLED.wire());
    assertThat(cloud.services.writes()).isEmpty();
  }

  @Test
  void anEmptyPullerPrincipalWaitsForThePullerRole() throws Exception {
    RolloutContext ctx = passWith(Lightsail.service(SERVICE, "READY", "").build());

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(reason(ctx, ConditionType.DEPLOYED))
        .isEqualTo(Reason.WAITING_FOR_PULLER_ROLE.wire());
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.WAITING_FOR_PULLER_ROLE.wire());
    assertThat(cloud.pullAccess.calls()).isEmpty();
    assertThat(cloud.services.writes()).isEmpty();
  }

  @Test
  void aPrincipalIamDoesNotKnowYetWaitsForThePullerRole() throws Exception {
    cloud.pullAccess.principalUnknown(Lightsail.PRINCIPAL);
    RolloutContext ctx = passWith(Lightsail.ready(SERVICE).build());

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(reason(ctx, ConditionType.DEPLOYED))
        .isEqualTo(Reason.WAITING_FOR_PULLER_ROLE.wire());
    assertThat(cloud.services.writes()).isEmpty();
  }

  @Test
  void theGrantIsWrittenBeforeTheFirstDeploymentIsCreated() throws Exception {
    RolloutContext ctx = passWith(Lightsail.ready(SERVICE).build());

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(cloud.pullAccess.grants(REPO, Lightsail.PRINCIPAL)).isTrue();
    assertThat(cloud.services.writes())
        .containsExactly("deploy us-east-1/qa-service " + REPO + ":v1");
    assertThat(eventReasons(ctx))
        .containsExactly(Reason.PULL_ACCESS_GRANTED.wire(), Reason.DEPLOYMENT_CREATED.wire());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.DEPLOYMENT_CREATED.wire());
    LightsailStatus ls = ctx.status().getLightsail();
    assertThat(ls.getDeploymentVersion()).isEqualTo(1L);
    assertThat(ls.getState()).isEqualTo("ACTIVATING");
    assertThat(ls.getConfigHash()).isEqualTo(desired(env, "v1").hash());
    assertThat(ctx.status().getHistory())
        .singleElement()
        .satisfies(h -> assertThat(h.getResult()).isEqualTo(HistoryEntry.IN_PROGRESS));
  }

  @Test
  void aGrantAlreadyThereIsNotAnnounced() throws Exception {
    cloud.pullAccess.granted(REPO, Lightsail.PRINCIPAL);
    RolloutContext ctx = passWith(Lightsail.ready(SERVICE).build());

    run(ctx);

    assertThat(eventReasons(ctx)).containsExactly(Reason.DEPLOYMENT_CREATED.wire());
    assertThat(cloud.services.writes()).hasSize(1);
  }

  @Test
  void theDeclaredDeploymentActivatingIsFollowed() throws Exception {
    RolloutContext ctx =
        passWith(
            Lightsail.ready(SERVICE).state("DEPLOYING").nextDeployment(v(4, "ACTIVATING")).build());

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.ACTIVATING.wire());
    assertThat(ctx.status().getLightsail().getDeploymentVersion()).isEqualTo(4L);
    assertThat(cloud.services.writes()).isEmpty();
  }

  @Test
  void anotherDeploymentActivatingIsWaitedFor() throws Exception {
    RolloutContext ctx =
        passWith(
            Lightsail.ready(SERVICE)
                .state("DEPLOYING")
                .nextDeployment(other(4, "ACTIVATING"))
                .build());

    run(ctx);

    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.WAITING_FOR_DEPLOYMENT.wire());
    assertThat(cloud.services.writes()).isEmpty();
  }

  @Test
  void theDeclaredDeploymentActiveSucceedsOnce() throws Exception {
    ServiceState service =
        Lightsail.ready(SERVICE).state("RUNNING").currentDeployment(v(2, "ACTIVE")).build();
    RolloutContext ctx = passWith(service);

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.stops()).isFalse();
    assertThat(ctx.status().condition(ConditionType.DEPLOYED).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.DEPLOYMENT_ACTIVE.wire());
    assertThat(ctx.status().getImage().getDigest()).isEqualTo(StepFixtures.DIGEST);
    assertThat(ctx.status().getHistory())
        .singleElement()
        .satisfies(h -> assertThat(h.getResult()).isEqualTo(HistoryEntry.SUCCEEDED));
    assertThat(eventReasons(ctx)).containsExactly(Reason.DEPLOYMENT_ACTIVE.wire());
    assertThat(cloud.services.writes()).isEmpty();

    RolloutContext again = passWith(service);
    run(again);
    assertThat(eventReasons(again)).isEmpty();
    assertThat(again.status().getHistory()).hasSize(1);
  }

  @Test
  void aFailedDeploymentOfTheRevisionIsReportedAndNotRetried() throws Exception {
    cloud.pullAccess.granted(REPO, Lightsail.PRINCIPAL);
    cloud.services.history(REGION, SERVICE, v(2, "FAILED"));
    ServiceState service =
        Lightsail.ready(SERVICE).state("RUNNING").currentDeployment(other(1, "ACTIVE")).build();
    RolloutContext ctx = passWith(service);

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.DEPLOYMENT_FAILED.wire());
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.DEPLOYMENT_FAILED.wire());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(ctx.status().getLightsail().getState()).isEqualTo("FAILED");
    assertThat(ctx.status().getHistory())
        .singleElement()
        .satisfies(h -> assertThat(h.getResult()).isEqualTo(HistoryEntry.FAILED));
    assertThat(eventReasons(ctx)).containsExactly(Reason.DEPLOYMENT_FAILED.wire());
    // The grant is read again (it is there, so it is not what failed), then forgotten for later.
    assertThat(cloud.pullAccess.calls())
        .containsExactly(
            "forget " + REPO,
            "ensureGranted " + REPO + " " + Lightsail.PRINCIPAL,
            "forget " + REPO);
    assertThat(cloud.services.writes()).isEmpty();

    // The next pass, same status: still failed, no new deployment, no second event.
    RolloutContext next = passWith(service);
    assertThat(run(next).requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(eventReasons(next)).isEmpty();
    assertThat(cloud.services.writes()).isEmpty();
  }

  @Test
  void aFailedDeploymentWhoseGrantWasDroppedIsDeployedAgain() throws Exception {
    // The grant is missing: another writer replaced the policy between our write and the pull.
    cloud.services.history(REGION, SERVICE, v(2, "FAILED"));
    ServiceState service =
        Lightsail.ready(SERVICE).state("RUNNING").currentDeployment(other(1, "ACTIVE")).build();
    RolloutContext ctx = passWith(service);

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(eventReasons(ctx))
        .containsExactly(Reason.PULL_ACCESS_RESTORED.wire(), Reason.DEPLOYMENT_CREATED.wire());
    assertThat(cloud.pullAccess.grants(REPO, Lightsail.PRINCIPAL)).isTrue();
    assertThat(cloud.services.writes())
        .containsExactly("deploy us-east-1/qa-service " + REPO + ":v1");
    assertThat(ctx.status().getLightsail().getDeploymentVersion()).isEqualTo(3L);
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.DEPLOYMENT_CREATED.wire());
  }

  @Test
  void anOutOfBandDeploymentOverTheDeclaredOneIsCorrected() throws Exception {
    cloud.pullAccess.granted(REPO, Lightsail.PRINCIPAL);
    LightsailStatus ls = status.lightsailOrNew();
    ls.setDeploymentVersion(1L);
    ls.setState("ACTIVE");
    ls.setConfigHash(desired(env, "v1").hash());
    RolloutContext ctx =
        passWith(
            Lightsail.ready(SERVICE)
                .state("RUNNING")
                .currentDeployment(other(2, "ACTIVE"))
                .build());

    run(ctx);

    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.CORRECTING_DRIFT.wire());
    assertThat(eventReasons(ctx))
        .containsExactly(Reason.DRIFT_DETECTED.wire(), Reason.DEPLOYMENT_CREATED.wire());
    assertThat(ctx.events().get(0).message())
        .isEqualTo("out-of-band deployment v2 replaced the declared deployment v1");
    assertThat(cloud.services.writes()).hasSize(1);
    assertThat(cloud.services.calls()).doesNotContain("failedAttempt us-east-1/qa-service");
  }

  @Test
  void aDeploymentLightsailRejectsIsRetriedSlowly() throws Exception {
    cloud.pullAccess.granted(REPO, Lightsail.PRINCIPAL);
    cloud.services.rejectNextDeploy("container name is invalid");
    RolloutContext ctx = passWith(Lightsail.ready(SERVICE).build());

    Outcome<DesiredDeployment> result = run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.DEPLOYMENT_REJECTED.wire());
    assertThat(ctx.status().condition(ConditionType.DEPLOYED).orElseThrow().getMessage())
        .contains("container name is invalid");
    assertThat(ctx.status().getHistory()).isEmpty();
  }
}
