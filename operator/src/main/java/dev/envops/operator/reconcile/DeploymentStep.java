package dev.envops.operator.reconcile;

import dev.envops.operator.accounts.AccountLookup;
import dev.envops.operator.accounts.CloudAccount;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.ecr.PrincipalNotFound;
import dev.envops.operator.ecr.PullAccess;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.environment.LightsailStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.lightsail.ContainerServicePort;
import dev.envops.operator.lightsail.ContainerServicePort.FailedAttempt;
import dev.envops.operator.lightsail.DeploymentRecord;
import dev.envops.operator.lightsail.DeploymentRejectedException;
import dev.envops.operator.lightsail.DesiredDeployment;
import dev.envops.operator.lightsail.ServiceState;
import dev.envops.operator.metrics.OperatorMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Step 9: the desired deployment is the service's ACTIVE one. Creates a deployment only when
 * neither the current nor the activating deployment matches and none is activating; an out-of-band
 * deployment over a declared one is drift, reported and corrected; a FAILED deployment of the
 * desired revision is reported and not retried until the revision changes, unless it failed because
 * another writer had dropped the pull grant.
 */
public final class DeploymentStep {

  /** Reason while the service's ECR puller role is not usable yet. */
  public static final String WAITING_FOR_PULLER_ROLE = Reason.WAITING_FOR_PULLER_ROLE.wire();

  /** Deployments again of a revision that FAILED while another writer had dropped its grant. */
  static final int PULL_ACCESS_REDEPLOYS = 2;

  private final OperatorConfig config;
  private final AccountLookup accounts;
  private final OperatorMetrics metrics;

  public DeploymentStep(OperatorConfig config, AccountLookup accounts, OperatorMetrics metrics) {
    this.config = config;
    this.accounts = accounts;
    this.metrics = metrics;
  }

  /**
   * Runs the step on the service {@link ContainerServiceStep} found; its value is the deployment
   * that serves {@code image}, ACTIVE.
   */
  public Outcome<DesiredDeployment> run(RolloutContext ctx, DeployedImage image, SeenService seen) {
    LightsailSpec spec = ctx.spec().getLightsail();
    CloudAccount cloud = accounts.of(ctx.environment());
    ContainerServicePort services = cloud.services();
    PullAccess pullAccess = cloud.pullAccess();
    DesiredDeployment desired = desired(ctx, image);
    String hash = desired.hash();
    ServiceState service = seen.service();
    if (seen.steady() && !servesAtRest(service, desired)) {
      // The region's shared view may be a resync old: deploy or wait only on a fresh read.
      Optional<ServiceState> fresh =
          services.current(spec.getRegion(), spec.getServiceName()).service();
      if (fresh.isEmpty()) {
        ctx.inProgress(
            Progress.DEPLOYING,
            Reason.SERVICE_NOT_SETTLED,
            "container service " + spec.getServiceName() + " is gone since last seen");
        return Outcome.requeue(config.pollInterval());
      }
      service = fresh.get();
    }
    DeploymentRecord current = service.currentDeployment();
    DeploymentRecord next = service.nextDeployment();
    LightsailStatus ls = ctx.status().lightsailOrNew();

    if (next != null) {
      if (desired.matches(next)) {
        track(ctx, next.version(), next.state(), hash);
        ctx.inProgress(
            Progress.DEPLOYING,
            Reason.ACTIVATING,
            "deployment v" + next.version() + " of " + image.reference() + " is activating");
      } else {
        ctx.inProgress(
            Progress.DEPLOYING,
            Reason.WAITING_FOR_DEPLOYMENT,
            "deployment v"
                + next.version()
                + " (not the declared one) is activating; waiting for it to finish");
      }
      return Outcome.requeue(config.pollInterval());
    }

    if (current != null && desired.matches(current) && current.active()) {
      succeeded(ctx, image, current.version(), hash);
      return Outcome.proceed(desired);
    }

    if (!service.settled()) {
      ctx.inProgress(
          Progress.DEPLOYING,
          Reason.SERVICE_NOT_SETTLED,
          "container service is " + service.state() + "; waiting to deploy");
      return Outcome.requeue(config.pollInterval());
    }

    // A private ECR image is pulled by the puller role: never deploy before its principal exists
    // and the grant is written and read back, or the deployment FAILS and is not retried.
    Optional<String> principal = service.pullerPrincipal();
    Optional<String> drift = drift(ls, current, hash);
    if (drift.isEmpty()) {
      Optional<FailedAttempt> failed = failedAttempt(ctx, services, desired, current);
      boolean redeploy =
          failed.isPresent()
              && principal.isPresent()
              && grantWasLost(ctx, image, principal.get(), pullAccess, failed.get());
      if (failed.isPresent() && !redeploy) {
        failedRollout(ctx, image, desired, service, pullAccess, failed.get().deployment(), hash);
        return Outcome.requeue(config.resyncPeriod());
      }
    }

    if (principal.isEmpty()) {
      ctx.inProgress(
          Progress.DEPLOYING,
          Reason.WAITING_FOR_PULLER_ROLE,
          "waiting for Lightsail to create the ECR image puller role of "
              + spec.getServiceName()
              + " (its principalArn is still empty) before granting it pull access");
      return Outcome.requeue(config.pollInterval());
    }
    String repository = ctx.spec().getImage().getRepository();
    try {
      if (pullAccess.ensureGranted(
          repository, principal.get(), statementId(spec.getServiceName()))) {
        ctx.event(
            Reason.PULL_ACCESS_GRANTED,
            "granted the ECR image puller role of "
                + spec.getServiceName()
                + " pull access to "
                + repository);
      }
    } catch (PrincipalNotFound e) {
      ctx.inProgress(
          Progress.DEPLOYING,
          Reason.WAITING_FOR_PULLER_ROLE,
          "ECR does not accept the ECR image puller role of "
              + spec.getServiceName()
              + " yet (Principal not found: IAM has not seen the new role); retrying");
      return Outcome.requeue(config.pollInterval());
    }

    ServiceState answer;
    try {
      answer = services.deploy(spec.getRegion(), spec.getServiceName(), desired);
    } catch (DeploymentRejectedException e) {
      ctx.inProgress(
          Progress.DEPLOYING,
          Reason.DEPLOYMENT_REJECTED,
          "Lightsail rejected the deployment (retrying): " + ctx.redact(e.getMessage()));
      return Outcome.requeue(config.slowRetry());
    }
    long version =
        answer.nextDeployment() != null
            ? answer.nextDeployment().version()
            : Optional.ofNullable(ls.getDeploymentVersion()).orElse(0L) + 1;
    RolloutHistory.start(
        ctx.status(), ctx.spec().getGitRef(), image.reference(), version, ctx.now());
    track(ctx, (int) version, DeploymentRecord.ACTIVATING, hash);
    if (drift.isPresent()) {
      ctx.event(Reason.DRIFT_DETECTED, drift.get());
      ctx.inProgress(
          Progress.DEPLOYING,
          Reason.CORRECTING_DRIFT,
          drift.get() + "; deployment v" + version + " restores the declared one");
    } else {
      ctx.inProgress(
          Progress.DEPLOYING,
          Reason.DEPLOYMENT_CREATED,
          "created deployment v" + version + " of " + image.reference());
    }
    ctx.event(
        Reason.DEPLOYMENT_CREATED,
        "created deployment v"
            + version
            + " of "
            + image.reference()
            + " on "
            + spec.getServiceName());
    return Outcome.requeue(config.pollInterval());
  }

  private static DesiredDeployment desired(RolloutContext ctx, DeployedImage image) {
    LightsailSpec spec = ctx.spec().getLightsail();
    // Sorted once, by DesiredDeployment.
    Map<String, String> env = new HashMap<>();
    if (spec.getEnv() != null) {
      env.putAll(spec.getEnv());
    }
    env.putAll(ctx.secretEnv());
    String reference =
        image.getRepository() + (ctx.spec().getImage().namesDigest() ? "@" : ":") + image.getTag();
    return new DesiredDeployment(
        spec.getContainerName(), reference, env, spec.getContainerPort(), spec.getHealthCheck());
  }

  /** A message when the serving deployment replaced, out of band, the one declared and active. */
  private static Optional<String> drift(LightsailStatus ls, DeploymentRecord current, String hash) {
    if (current == null
        || !hash.equals(ls.getConfigHash())
        || !DeploymentRecord.ACTIVE.equals(ls.getState())
        || ls.getDeploymentVersion() == null
        || current.version() == ls.getDeploymentVersion()) {
      return Optional.empty();
    }
    return Optional.of(
        "out-of-band deployment v"
            + current.version()
            + " replaced the declared deployment v"
            + ls.getDeploymentVersion());
  }

  /**
   * True when the deployment FAILED while the repository policy lacked the puller's grant and the
   * grant is now written back: SetRepositoryPolicy has no condition, so another writer (the
   * operator of another shard granting its own service, a person) can replace the policy between
   * our write and Lightsail's pull. Checked once per newly FAILED deployment and at most {@link
   * #PULL_ACCESS_REDEPLOYS} times per revision; a restart between the restored grant and the next
   * deployment leaves the revision Failed, as any other failure.
   */
  private boolean grantWasLost(
      RolloutContext ctx,
      DeployedImage image,
      String principal,
      PullAccess pullAccess,
      FailedAttempt failed) {
    if (!newlyFailed(ctx, failed.deployment()) || failed.failures() > PULL_ACCESS_REDEPLOYS) {
      return false;
    }
    String repository = ctx.spec().getImage().getRepository();
    String serviceName = ctx.spec().getLightsail().getServiceName();
    pullAccess.forget(repository);
    try {
      if (!pullAccess.ensureGranted(repository, principal, statementId(serviceName))) {
        return false;
      }
    } catch (PrincipalNotFound e) {
      return false;
    }
    ctx.event(
        Reason.PULL_ACCESS_RESTORED,
        "deployment v"
            + failed.deployment().version()
            + " of "
            + image.reference()
            + " on "
            + serviceName
            + " FAILED while the policy of "
            + repository
            + " no longer granted its ECR image puller role (another writer replaced the"
            + " policy); wrote the grant again and deploying the revision again ("
            + failed.failures()
            + " of "
            + PULL_ACCESS_REDEPLOYS
            + ")");
    return true;
  }

  /** True unless status already records {@code failed} as this Environment's FAILED deployment. */
  private static boolean newlyFailed(RolloutContext ctx, DeploymentRecord failed) {
    LightsailStatus ls = ctx.status().lightsailOrNew();
    return !Objects.equals(ls.getDeploymentVersion(), (long) failed.version())
        || !DeploymentRecord.FAILED.equals(ls.getState());
  }

  /** The newest deployment of exactly the desired revision that FAILED after the serving one. */
  private static Optional<FailedAttempt> failedAttempt(
      RolloutContext ctx,
      ContainerServicePort services,
      DesiredDeployment desired,
      DeploymentRecord current) {
    int servingVersion = current == null ? 0 : current.version();
    LightsailSpec spec = ctx.spec().getLightsail();
    return services.failedAttempt(spec.getRegion(), spec.getServiceName(), desired, servingVersion);
  }

  /** The desired deployment serves ACTIVE and nothing else is activating. */
  private static boolean servesAtRest(ServiceState service, DesiredDeployment desired) {
    DeploymentRecord current = service.currentDeployment();
    return service.nextDeployment() == null
        && current != null
        && desired.matches(current)
        && current.active();
  }

  private void succeeded(RolloutContext ctx, DeployedImage image, int version, String hash) {
    LightsailStatus ls = ctx.status().lightsailOrNew();
    boolean newlyActive =
        ls.getDeploymentVersion() == null
            || ls.getDeploymentVersion() != version
            || !DeploymentRecord.ACTIVE.equals(ls.getState());
    track(ctx, version, DeploymentRecord.ACTIVE, hash);
    EnvironmentStatus status = ctx.status();
    if (newlyActive || status.getImage() == null) {
      // What serves is what was resolved when this deployment went out: a digest that later
      // moves under the same tag is reported by ImageResolveStep, never recorded as deployed.
      status.setImage(image);
      status.setGitRef(ctx.spec().getGitRef());
    }
    if (newlyActive) {
      HistoryEntry entry =
          RolloutHistory.finish(
              status,
              ctx.spec().getGitRef(),
              image.reference(),
              version,
              HistoryEntry.SUCCEEDED,
              ctx.now());
      if (HistoryEntry.SUCCEEDED.equals(entry.getResult())) {
        metrics.rollout("succeeded");
      }
    }
    String message = "deployment v" + version + " of " + image.reference() + " is ACTIVE";
    if (ctx.condition(ConditionType.DEPLOYED, true, Reason.DEPLOYMENT_ACTIVE, message)) {
      ctx.event(Reason.DEPLOYMENT_ACTIVE, message);
    }
  }

  private void failedRollout(
      RolloutContext ctx,
      DeployedImage image,
      DesiredDeployment desired,
      ServiceState service,
      PullAccess pullAccess,
      DeploymentRecord failed,
      String hash) {
    LightsailSpec spec = ctx.spec().getLightsail();
    boolean newlyFailed = newlyFailed(ctx, failed);
    track(ctx, failed.version(), DeploymentRecord.FAILED, hash);
    RolloutHistory.finish(
        ctx.status(),
        ctx.spec().getGitRef(),
        image.reference(),
        failed.version(),
        HistoryEntry.FAILED,
        ctx.now());
    DeploymentRecord serving = service.currentDeployment();
    String message =
        "Lightsail deployment v"
            + failed.version()
            + " of "
            + image.reference()
            + " FAILED: Lightsail could not start container "
            + spec.getContainerName()
            + " healthy (image pull or health check on "
            + desired.healthCheck().path()
            + "; see `aws lightsail get-container-log --service-name "
            + spec.getServiceName()
            + " --container-name "
            + spec.getContainerName()
            + "`); "
            + (serving == null
                ? "no deployment is serving"
                : "deployment v" + serving.version() + " keeps serving");
    ctx.condition(ConditionType.DEPLOYED, false, Reason.DEPLOYMENT_FAILED, message);
    ctx.notReady(Phase.Failed, Reason.DEPLOYMENT_FAILED, message);
    if (newlyFailed) {
      // The grant may be what failed (a policy replaced by hand): read it again next rollout.
      pullAccess.forget(ctx.spec().getImage().getRepository());
      metrics.rollout("failed");
      ctx.event(Reason.DEPLOYMENT_FAILED, message);
    }
  }

  private static void track(RolloutContext ctx, int version, String state, String hash) {
    LightsailStatus ls = ctx.status().lightsailOrNew();
    ls.setDeploymentVersion((long) version);
    ls.setState(state);
    ls.setConfigHash(hash);
  }

  private static String statementId(String serviceName) {
    return "EnvopsLightsail" + serviceName.replaceAll("[^A-Za-z0-9]", "");
  }
}
