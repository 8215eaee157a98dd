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
import dev.envops.operator.lightsail.DeploymentRejected;
import dev.envops.operator.lightsail.DesiredDeployment;
import dev.envops.operator.metrics.OperatorMetrics;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeployment;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeploymentState;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceState;

/**
 * Step 6b: the desired deployment is the service's ACTIVE one. Creates a deployment only when
 * neither the current nor the activating deployment matches and none is activating; an out-of-band
 * deployment over a declared one is drift, reported and corrected; a FAILED deployment of the
 * desired revision is reported and not retried until the revision changes, unless it failed because
 * another writer had dropped the pull grant.
 */
public final class DeploymentStep implements ReconcileStep {

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

  @Override
  public StepResult run(RolloutContext ctx) {
    LightsailSpec spec = ctx.spec().getLightsail();
    CloudAccount cloud = accounts.of(ctx.environment());
    ContainerServicePort services = cloud.services();
    PullAccess pullAccess = cloud.pullAccess();
    DesiredDeployment desired = desired(ctx);
    ctx.desiredDeployment(desired);
    String hash = desired.hash();
    ContainerService service = ctx.service();
    if (ctx.serviceSteady() && !servesAtRest(service, desired)) {
      // The region's shared view may be a resync old: deploy or wait only on a fresh read.
      Optional<ContainerService> fresh =
          services.current(spec.getRegion(), spec.getServiceName()).service();
      if (fresh.isEmpty()) {
        deploying(
            ctx,
            Reason.SERVICE_NOT_SETTLED,
            "container service " + spec.getServiceName() + " is gone since last seen");
        return StepResult.requeue(config.pollInterval());
      }
      service = fresh.get();
      ctx.service(service, false);
    }
    ContainerServiceDeployment current = service.currentDeployment();
    ContainerServiceDeployment next = service.nextDeployment();
    LightsailStatus ls = ctx.status().lightsailOrNew();

    if (next != null) {
      if (desired.matches(next)) {
        track(ctx, next.version(), next.stateAsString(), hash);
        deploying(
            ctx,
            Reason.ACTIVATING,
            "deployment v"
                + next.version()
                + " of "
                + ctx.desiredImage().reference()
                + " is activating");
      } else {
        deploying(
            ctx,
            Reason.WAITING_FOR_DEPLOYMENT,
            "deployment v"
                + next.version()
                + " (not the declared one) is activating; waiting for it to finish");
      }
      return StepResult.requeue(config.pollInterval());
    }

    if (current != null
        && desired.matches(current)
        && current.state() == ContainerServiceDeploymentState.ACTIVE) {
      succeeded(ctx, current.version(), hash);
      return StepResult.proceed();
    }

    if (service.state() != ContainerServiceState.READY
        && service.state() != ContainerServiceState.RUNNING) {
      deploying(
          ctx,
          Reason.SERVICE_NOT_SETTLED,
          "container service is " + service.stateAsString() + "; waiting to deploy");
      return StepResult.requeue(config.pollInterval());
    }

    Optional<String> drift = drift(ls, current, hash);
    if (drift.isEmpty()) {
      Optional<FailedAttempt> failed = failedAttempt(ctx, services, desired, current);
      if (failed.isPresent() && !grantWasLost(ctx, service, pullAccess, failed.get())) {
        failedRollout(ctx, pullAccess, failed.get().deployment(), hash);
        return StepResult.requeue(config.resyncPeriod());
      }
    }

    // A private ECR image is pulled by the puller role: never deploy before its principal exists
    // and the grant is written and read back, or the deployment FAILS and is not retried.
    String principal = pullerPrincipal(service);
    if (principal == null || principal.isBlank()) {
      deploying(
          ctx,
          Reason.WAITING_FOR_PULLER_ROLE,
          "waiting for Lightsail to create the ECR image puller role of "
              + spec.getServiceName()
              + " (its principalArn is still empty) before granting it pull access");
      return StepResult.requeue(config.pollInterval());
    }
    String repository = ctx.spec().getImage().getRepository();
    try {
      if (pullAccess.ensureGranted(repository, principal, statementId(spec.getServiceName()))) {
        ctx.event(
            Reason.PULL_ACCESS_GRANTED,
            "granted the ECR image puller role of "
                + spec.getServiceName()
                + " pull access to "
                + repository);
      }
    } catch (PrincipalNotFound e) {
      deploying(
          ctx,
          Reason.WAITING_FOR_PULLER_ROLE,
          "ECR does not accept the ECR image puller role of "
              + spec.getServiceName()
              + " yet (Principal not found: IAM has not seen the new role); retrying");
      return StepResult.requeue(config.pollInterval());
    }

    ContainerService answer;
    try {
      answer = services.deploy(spec.getRegion(), spec.getServiceName(), desired);
    } catch (DeploymentRejected e) {
      deploying(
          ctx,
          Reason.DEPLOYMENT_REJECTED,
          "Lightsail rejected the deployment (retrying): " + ctx.redact(e.reason()));
      return StepResult.requeue(config.slowRetry());
    }
    long version =
        answer.nextDeployment() != null
            ? answer.nextDeployment().version()
            : Optional.ofNullable(ls.getDeploymentVersion()).orElse(0L) + 1;
    RolloutHistory.start(
        ctx.status(), ctx.spec().getGitRef(), ctx.desiredImage().reference(), version, ctx.now());
    track(ctx, (int) version, ContainerServiceDeploymentState.ACTIVATING.toString(), hash);
    if (drift.isPresent()) {
      ctx.event(Reason.DRIFT_DETECTED, drift.get());
      deploying(
          ctx,
          Reason.CORRECTING_DRIFT,
          drift.get() + "; deployment v" + version + " restores the declared one");
    } else {
      deploying(
          ctx,
          Reason.DEPLOYMENT_CREATED,
          "created deployment v" + version + " of " + ctx.desiredImage().reference());
    }
    ctx.event(
        Reason.DEPLOYMENT_CREATED,
        "created deployment v"
            + version
            + " of "
            + ctx.desiredImage().reference()
            + " on "
            + spec.getServiceName());
    return StepResult.requeue(config.pollInterval());
  }

  private static DesiredDeployment desired(RolloutContext ctx) {
    LightsailSpec spec = ctx.spec().getLightsail();
    Map<String, String> env = new TreeMap<>();
    if (spec.getEnv() != null) {
      env.putAll(spec.getEnv());
    }
    env.putAll(ctx.secretEnv());
    DeployedImage image = ctx.desiredImage();
    String reference =
        image.getRepository() + (ctx.spec().getImage().namesDigest() ? "@" : ":") + image.getTag();
    return new DesiredDeployment(
        spec.getContainerName(), reference, env, spec.getContainerPort(), spec.getHealthCheck());
  }

  /** A message when the serving deployment replaced, out of band, the one declared and active. */
  private static Optional<String> drift(
      LightsailStatus ls, ContainerServiceDeployment current, String hash) {
    if (current == null
        || !hash.equals(ls.getConfigHash())
        || !ContainerServiceDeploymentState.ACTIVE.toString().equals(ls.getState())
        || ls.getDeploymentVersion() == null
        || current.version().longValue() == ls.getDeploymentVersion()) {
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
      RolloutContext ctx, ContainerService service, PullAccess pullAccess, FailedAttempt failed) {
    String principal = pullerPrincipal(service);
    if (!newlyFailed(ctx, failed.deployment())
        || failed.failures() > PULL_ACCESS_REDEPLOYS
        || principal == null
        || principal.isBlank()) {
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
            + ctx.desiredImage().reference()
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
  private static boolean newlyFailed(RolloutContext ctx, ContainerServiceDeployment failed) {
    LightsailStatus ls = ctx.status().lightsailOrNew();
    return !Objects.equals(ls.getDeploymentVersion(), failed.version().longValue())
        || !ContainerServiceDeploymentState.FAILED.toString().equals(ls.getState());
  }

  /** The newest deployment of exactly the desired revision that FAILED after the serving one. */
  private static Optional<FailedAttempt> failedAttempt(
      RolloutContext ctx,
      ContainerServicePort services,
      DesiredDeployment desired,
      ContainerServiceDeployment current) {
    int servingVersion = current == null ? 0 : current.version();
    LightsailSpec spec = ctx.spec().getLightsail();
    return services.failedAttempt(spec.getRegion(), spec.getServiceName(), desired, servingVersion);
  }

  /** The desired deployment serves ACTIVE and nothing else is activating. */
  private static boolean servesAtRest(ContainerService service, DesiredDeployment desired) {
    ContainerServiceDeployment current = service.currentDeployment();
    return service.nextDeployment() == null
        && current != null
        && desired.matches(current)
        && current.state() == ContainerServiceDeploymentState.ACTIVE;
  }

  private void succeeded(RolloutContext ctx, int version, String hash) {
    LightsailStatus ls = ctx.status().lightsailOrNew();
    boolean newlyActive =
        ls.getDeploymentVersion() == null
            || ls.getDeploymentVersion() != version
            || !ContainerServiceDeploymentState.ACTIVE.toString().equals(ls.getState());
    track(ctx, version, ContainerServiceDeploymentState.ACTIVE.toString(), hash);
    EnvironmentStatus status = ctx.status();
    if (newlyActive || status.getImage() == null) {
      // What serves is what was resolved when this deployment went out: a digest that later
      // moves under the same tag is reported by ImageResolveStep, never recorded as deployed.
      status.setImage(ctx.desiredImage());
      status.setGitRef(ctx.spec().getGitRef());
    }
    if (newlyActive) {
      HistoryEntry entry =
          RolloutHistory.finish(
              status,
              ctx.spec().getGitRef(),
              ctx.desiredImage().reference(),
              version,
              HistoryEntry.SUCCEEDED,
              ctx.now());
      if (HistoryEntry.SUCCEEDED.equals(entry.getResult())) {
        metrics.rollout("succeeded");
      }
    }
    String message =
        "deployment v" + version + " of " + ctx.desiredImage().reference() + " is ACTIVE";
    if (ctx.condition(ConditionType.DEPLOYED, true, Reason.DEPLOYMENT_ACTIVE, message)) {
      ctx.event(Reason.DEPLOYMENT_ACTIVE, message);
    }
  }

  private void failedRollout(
      RolloutContext ctx, PullAccess pullAccess, ContainerServiceDeployment failed, String hash) {
    LightsailSpec spec = ctx.spec().getLightsail();
    boolean newlyFailed = newlyFailed(ctx, failed);
    track(ctx, failed.version(), ContainerServiceDeploymentState.FAILED.toString(), hash);
    RolloutHistory.finish(
        ctx.status(),
        ctx.spec().getGitRef(),
        ctx.desiredImage().reference(),
        failed.version(),
        HistoryEntry.FAILED,
        ctx.now());
    ContainerServiceDeployment serving = ctx.service().currentDeployment();
    String message =
        "Lightsail deployment v"
            + failed.version()
            + " of "
            + ctx.desiredImage().reference()
            + " FAILED: Lightsail could not start container "
            + spec.getContainerName()
            + " healthy (image pull or health check on "
            + desiredPath(ctx)
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

  private static String desiredPath(RolloutContext ctx) {
    return ctx.desiredDeployment().healthCheck().path();
  }

  private static void track(RolloutContext ctx, int version, String state, String hash) {
    LightsailStatus ls = ctx.status().lightsailOrNew();
    ls.setDeploymentVersion((long) version);
    ls.setState(state);
    ls.setConfigHash(hash);
  }

  private static void deploying(RolloutContext ctx, Reason reason, String message) {
    ctx.condition(ConditionType.DEPLOYED, false, reason, message);
    ctx.notReady(Phase.Deploying, reason, message);
  }

  private static String pullerPrincipal(ContainerService service) {
    if (service.privateRegistryAccess() == null
        || service.privateRegistryAccess().ecrImagePullerRole() == null
        || !Boolean.TRUE.equals(service.privateRegistryAccess().ecrImagePullerRole().isActive())) {
      return null;
    }
    return service.privateRegistryAccess().ecrImagePullerRole().principalArn();
  }

  private static String statementId(String serviceName) {
    return "EnvopsLightsail" + serviceName.replaceAll("[^A-Za-z0-9]", "");
  }
}
