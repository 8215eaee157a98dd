package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.util.Optional;

/**
 * Step 5: with {@code spec.promotion.requireReadyIn}, an Environment rolls out only an image digest
 * the named Environment has been Ready with. It runs right after the tag is resolved, because the
 * gate compares digests, not tags. A change to the named Environment re-triggers the gated one
 * through an event source, so a Blocked Environment waits without polling.
 */
public final class PromotionGateStep implements ImageStep {

  private final OperatorConfig config;

  public PromotionGateStep(OperatorConfig config) {
    this.config = config;
  }

  @Override
  public StepResult run(RolloutContext ctx, DeployedImage image) {
    String upstream =
        ctx.spec().getPromotion() == null ? null : ctx.spec().getPromotion().getRequireReadyIn();
    if (upstream == null || upstream.isBlank()) {
      return StepResult.proceed();
    }
    if (servesAlready(ctx.status(), image.getDigest())) {
      return StepResult.proceed();
    }
    String override = ctx.spec().getPromotion().getEmergencyOverride();
    if (override != null && !override.isBlank()) {
      ctx.status().setAdmittedBy("EmergencyOverride: " + override);
      if (!overriddenBefore(ctx.status(), image.getDigest())) {
        ctx.event(
            Reason.PROMOTION_GATE_OVERRIDDEN,
            image.reference()
                + " rolls out without having been Ready in "
                + upstream
                + ": spec.promotion.emergencyOverride says \""
                + override
                + "\"");
      }
      return StepResult.proceed();
    }
    if (wasReadyWith(ctx.status(), image.getDigest())) {
      // A rollback to an image this Environment served before needs no new proof upstream.
      ctx.status().setAdmittedBy("OwnHistory");
      return StepResult.proceed();
    }
    String namespace = ctx.environment().getMetadata().getNamespace();
    Optional<Environment> source = ctx.environments().get(namespace, upstream);
    if (source.isEmpty()) {
      ctx.notReady(
          Phase.Blocked,
          Reason.PROMOTION_SOURCE_NOT_FOUND,
          "spec.promotion.requireReadyIn: Environment "
              + namespace
              + "/"
              + upstream
              + " not found");
      return StepResult.requeue(config.resyncPeriod());
    }
    if (wasReadyWith(source.get().getStatus(), image.getDigest())) {
      ctx.status().setAdmittedBy("ReadyIn " + upstream);
      return StepResult.proceed();
    }
    String message =
        "image "
            + image.reference()
            + " has not been Ready in "
            + upstream
            + " yet; it rolls out here once it is";
    if (ctx.status().getPhase() != Phase.Blocked) {
      ctx.event(Reason.BLOCKED, message);
    }
    ctx.notReady(Phase.Blocked, Reason.AWAITING_PROMOTION, message);
    return StepResult.requeue(config.resyncPeriod());
  }

  /** The override's Warning was already given for this digest (its rollout is in history). */
  private static boolean overriddenBefore(EnvironmentStatus status, String digest) {
    return status.getHistory().stream()
        .anyMatch(
            e ->
                e.getImage() != null
                    && e.getImage().endsWith("@" + digest)
                    && e.getAdmittedBy() != null
                    && e.getAdmittedBy().startsWith("EmergencyOverride"));
  }

  /** This Environment already rolled the digest out (e.g. the source has moved on since). */
  private static boolean servesAlready(EnvironmentStatus status, String digest) {
    return status != null
        && status.getImage() != null
        && digest.equals(status.getImage().getDigest())
        && Conditions.isTrue(status, ConditionType.DEPLOYED);
  }

  static boolean wasReadyWith(EnvironmentStatus status, String digest) {
    if (status == null) {
      return false;
    }
    boolean readyNow =
        status.getImage() != null
            && digest.equals(status.getImage().getDigest())
            && status
                .condition(ConditionType.READY)
                .map(c -> Condition.TRUE.equals(c.getStatus()))
                .orElse(false);
    return readyNow || RolloutHistory.succeededWith(status, digest);
  }
}
