package dev.envops.operator.reconcile;

import dev.envops.operator.accounts.AccountLookup;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.environment.LightsailStatus;
import dev.envops.operator.lightsail.ContainerServicePort;
import dev.envops.operator.lightsail.ServiceState;
import java.util.Optional;
import java.util.Set;

/**
 * Step 8: the container service exists, is settled, and has the declared power, scale and ECR pull
 * access. Creates it when missing; waits (by requeue) while it is pending or updating.
 */
public final class ContainerServiceStep {

  /** Lightsail is changing the service itself: nothing to do but wait. */
  private static final Set<String> IN_MOTION = Set.of("PENDING", "UPDATING", "DELETING");

  private final OperatorConfig config;
  private final AccountLookup accounts;

  public ContainerServiceStep(OperatorConfig config, AccountLookup accounts) {
    this.config = config;
    this.accounts = accounts;
  }

  /** Runs the step; its value is the settled service for {@link DeploymentStep}. */
  public Outcome<SeenService> run(RolloutContext ctx) {
    LightsailSpec spec = ctx.spec().getLightsail();
    LightsailStatus ls = ctx.status().lightsailOrNew();
    ContainerServicePort services = accounts.of(ctx.environment()).services();
    ContainerServicePort.Observation seen =
        services.steady(spec.getRegion(), spec.getServiceName());
    if (shape(spec, seen.service()) != Shape.AT_REST) {
      // The shared view only vouches for a service at rest: read it again before acting.
      seen = services.current(spec.getRegion(), spec.getServiceName());
    }
    Optional<ServiceState> found = seen.service();
    switch (shape(spec, found)) {
      case MISSING -> {
        ServiceState created =
            services.create(
                spec.getRegion(),
                spec.getServiceName(),
                spec.powerOrDefault().lightsailName(),
                spec.scaleOrDefault(),
                ServiceOwnerTags.of(ctx.environment()));
        observe(ls, created);
        ctx.event(
            Reason.SERVICE_CREATED,
            "created container service "
                + spec.getServiceName()
                + " ("
                + spec.powerOrDefault().lightsailName()
                + " x"
                + spec.scaleOrDefault()
                + ") in "
                + spec.getRegion());
        ctx.inProgress(
            Progress.DEPLOYING,
            Reason.CREATING_SERVICE,
            "container service " + spec.getServiceName() + " is being created");
        return Outcome.requeue(config.pollInterval());
      }
      case NOT_SETTLED -> {
        observe(ls, found.get());
        ctx.inProgress(
            Progress.DEPLOYING,
            Reason.SERVICE_NOT_SETTLED,
            "container service " + spec.getServiceName() + " is " + found.get().state());
        return Outcome.requeue(config.pollInterval());
      }
      case DISABLED -> {
        observe(ls, found.get());
        ctx.inProgress(
            Progress.DEPLOYING,
            Reason.SERVICE_DISABLED,
            "container service " + spec.getServiceName() + " is disabled; enable it to deploy");
        return Outcome.requeue(config.resyncPeriod());
      }
      case NEEDS_UPDATE -> {
        observe(
            ls,
            services.update(
                spec.getRegion(),
                spec.getServiceName(),
                spec.powerOrDefault().lightsailName(),
                spec.scaleOrDefault()));
        ctx.event(
            Reason.SERVICE_UPDATED,
            "set container service "
                + spec.getServiceName()
                + " to "
                + spec.powerOrDefault().lightsailName()
                + " x"
                + spec.scaleOrDefault()
                + " with ECR pull access");
        ctx.inProgress(
            Progress.DEPLOYING,
            Reason.UPDATING_SERVICE,
            "container service " + spec.getServiceName() + " is being updated");
        return Outcome.requeue(config.pollInterval());
      }
      default -> {
        observe(ls, found.get());
        return Outcome.proceed(new SeenService(found.get(), seen.steady()));
      }
    }
  }

  /** What the step does with the service as seen. */
  private enum Shape {
    MISSING,
    NOT_SETTLED,
    DISABLED,
    NEEDS_UPDATE,
    /** A deployment is activating: the deployment step follows it. */
    DEPLOYING,
    /** Settled and nothing activating: the shared view may stand for it. */
    AT_REST
  }

  private static Shape shape(LightsailSpec spec, Optional<ServiceState> found) {
    if (found.isEmpty()) {
      return Shape.MISSING;
    }
    ServiceState service = found.get();
    if (IN_MOTION.contains(service.state())) {
      return Shape.NOT_SETTLED;
    }
    if ("DISABLED".equals(service.state()) || service.disabled()) {
      return Shape.DISABLED;
    }
    if (service.nextDeployment() != null || !service.settled()) {
      return Shape.DEPLOYING;
    }
    return needsUpdate(spec, service) ? Shape.NEEDS_UPDATE : Shape.AT_REST;
  }

  private static boolean needsUpdate(LightsailSpec spec, ServiceState service) {
    return !service.pullerRoleActive()
        || !spec.powerOrDefault().lightsailName().equals(service.power())
        || !Integer.valueOf(spec.scaleOrDefault()).equals(service.scale());
  }

  private static void observe(LightsailStatus ls, ServiceState service) {
    ls.setServiceState(service.state());
    ls.setUrl(service.url());
    ls.setServingVersion(
        service.currentDeployment() == null ? null : (long) service.currentDeployment().version());
  }
}
