package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.Phase;
import java.util.Optional;

/**
 * Step 1: rejects a spec the CRD schema could not (or was not there to) reject, naming the field.
 * No cloud call happens for an invalid spec.
 */
public final class ValidateStep implements RolloutStep {

  private final OperatorConfig config;
  private final ServiceClaims claims;

  public ValidateStep(OperatorConfig config) {
    this.config = config;
    this.claims = new ServiceClaims(config.namespaceRoles());
  }

  @Override
  public StepResult run(RolloutContext ctx) {
    Optional<String> problem =
        SpecValidator.firstProblem(ctx.spec())
            .or(() -> selfGate(ctx))
            .or(() -> serviceHeldByAnother(ctx));
    if (problem.isEmpty()) {
      return StepResult.proceed();
    }
    ctx.notReady(Phase.Failed, Reason.INVALID_SPEC, problem.get());
    return StepResult.requeue(config.resyncPeriod());
  }

  private static Optional<String> selfGate(RolloutContext ctx) {
    var promotion = ctx.spec().getPromotion();
    return promotion != null
            && ctx.environment().getMetadata().getName().equals(promotion.getRequireReadyIn())
        ? Optional.of("spec.promotion.requireReadyIn: must name another Environment")
        : Optional.empty();
  }

  /** Checked against the cache, so an Environment never deploys over another one's service. */
  private Optional<String> serviceHeldByAnother(RolloutContext ctx) {
    var ls = ctx.spec().getLightsail();
    return claims
        .holder(ctx.environment(), ctx.environments().namingTheServiceOf(ctx.environment()))
        .map(
            holder ->
                "spec.lightsail.serviceName: container service "
                    + ls.getServiceName()
                    + " in "
                    + ls.getRegion()
                    + " belongs to Environment "
                    + holder.getMetadata().getNamespace()
                    + "/"
                    + holder.getMetadata().getName()
                    + " (created first)");
  }

  /** Validates a spec without a context, e.g. for tests of the examples. */
  public static Optional<String> validate(EnvironmentSpec spec) {
    return SpecValidator.firstProblem(spec);
  }
}
