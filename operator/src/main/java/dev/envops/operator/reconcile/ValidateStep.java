package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.Phase;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Step 1: rejects a spec the CRD schema could not (or was not there to) reject, naming the field.
 * No cloud call happens for an invalid spec.
 */
public final class ValidateStep implements RolloutStep {

  private final OperatorConfig config;
  private final ServiceClaims claims;
  private final Function<EnvironmentSpec, Optional<String>> rules;
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  /** The verdict on one spec object: specs are never changed in place, a new one is an edit. */
  private record Checked(EnvironmentSpec spec, Optional<String> problem) {}

  public ValidateStep(OperatorConfig config) {
    this(config, SpecValidator::firstProblem);
  }

  ValidateStep(OperatorConfig config, Function<EnvironmentSpec, Optional<String>> rules) {
    this.config = config;
    this.claims = new ServiceClaims(config.namespaceRoles());
    this.rules = rules;
  }

  @Override
  public StepResult run(RolloutContext ctx) {
    Optional<String> problem =
        specProblem(ctx).or(() -> selfGate(ctx)).or(() -> serviceHeldByAnother(ctx));
    if (problem.isEmpty()) {
      return StepResult.proceed();
    }
    ctx.notReady(Phase.Failed, Reason.INVALID_SPEC, problem.get());
    return StepResult.requeue(config.resyncPeriod());
  }

  /** Forgets what was checked for the Environment with {@code uid} (it was deleted). */
  public void forget(String uid) {
    checked.remove(uid);
  }

  /**
   * The spec's own rules, checked once per spec object: an idle pass gets the cache's spec, the
   * same object until the informer sees a change, and re-checking it was a fifth of the pass.
   */
  private Optional<String> specProblem(RolloutContext ctx) {
    EnvironmentSpec spec = ctx.spec();
    String uid = ctx.environment().getMetadata().getUid();
    Checked last = uid == null ? null : checked.get(uid);
    if (last != null && last.spec() == spec) {
      return last.problem();
    }
    Optional<String> problem = rules.apply(spec);
    if (uid != null) {
      checked.put(uid, new Checked(spec, problem));
    }
    return problem;
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
