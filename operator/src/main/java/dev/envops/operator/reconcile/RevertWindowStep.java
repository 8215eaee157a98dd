package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.DeployRequest;
import dev.envops.operator.planetscale.DeployRequests;
import dev.envops.operator.planetscale.PlanetScaleException;
import dev.envops.operator.planetscale.ServiceToken;
import java.time.Instant;
import java.util.Optional;

/**
 * Step 13, after Ready: the deploy request that promoted this revision stays open for PlanetScale's
 * 30-minute revert window and holds the database's deploy queue meanwhile. Unless {@code
 * keepRevertWindow} asks to keep it, the window is skipped once the app serves; a kept window is
 * watched, and a revert a person makes there is reported rather than ignored.
 */
public final class RevertWindowStep implements ImageStep {

  private static final String PENDING_REVERT = "complete_pending_revert";

  /** PlanetScale's revert window after a deploy. */
  private static final java.time.Duration REVERT_WINDOW = java.time.Duration.ofMinutes(30);

  private final OperatorConfig config;
  private final DeployRequests planetScale;
  private final OperatorMetrics metrics;

  public RevertWindowStep(
      OperatorConfig config, DeployRequests planetScale, OperatorMetrics metrics) {
    this.config = config;
    this.planetScale = planetScale;
    this.metrics = metrics;
  }

  @Override
  public StepResult run(RolloutContext ctx, DeployedImage image) {
    DatabaseSpec db = ctx.spec().getDatabase();
    DeployRequestStatus recorded = ctx.status().getDeployRequest();
    if (!DatabaseSpec.promotes(db)
        || recorded == null
        || recorded.getNumber() == null
        || recorded.getFailureReason() != null
        || !image.getDigest().equals(recorded.getRevision())) {
      Conditions.remove(ctx.status(), ConditionType.ROLLBACK_AVAILABLE);
      return StepResult.requeue(config.resyncPeriod());
    }
    if (!PENDING_REVERT.equals(recorded.getState())) {
      rollbackAvailability(ctx, image, recorded);
      return StepResult.requeue(config.resyncPeriod());
    }
    Optional<ServiceToken> token = ServiceTokens.read(ctx, db);
    if (token.isEmpty()) {
      return StepResult.requeue(config.slowRetry());
    }
    String org = db.getOrganization();
    String name = "deploy request #" + recorded.getNumber() + " (" + recorded.getUrl() + ")";
    DeployRequest request;
    if (db.keepsRevertWindow()) {
      request = planetScale.get(token.get(), org, db.getName(), recorded.getNumber());
    } else {
      try {
        request = planetScale.skipRevert(token.get(), org, db.getName(), recorded.getNumber());
        ctx.event(
            Reason.REVERT_WINDOW_SKIPPED,
            "skipped the revert window of "
                + name
                + " now that the app serves, so the deploy queue of "
                + org
                + "/"
                + db.getName()
                + " is free (set spec.database.keepRevertWindow to keep it)");
      } catch (PlanetScaleException e) {
        if (!e.isUnprocessable()) {
          throw e;
        }
        // The window ended, or someone reverted meanwhile: read what it is now.
        request = planetScale.get(token.get(), org, db.getName(), recorded.getNumber());
      }
    }
    DeployRequestRecords.record(ctx, request, recorded.getRevision(), metrics);
    if (request.deploymentState().startsWith("in_progress_revert")
        || "complete_revert".equals(request.deploymentState())) {
      return reverted(ctx, image, name, request);
    }
    boolean watching = PENDING_REVERT.equals(request.deploymentState());
    rollbackAvailability(ctx, image, ctx.status().getDeployRequest());
    return StepResult.requeue(watching ? config.slowRetry() : config.resyncPeriod());
  }

  /** RollbackAvailable: whether setting the tag back would also revert this schema change. */
  private static void rollbackAvailability(
      RolloutContext ctx, DeployedImage image, DeployRequestStatus recorded) {
    if ("no_changes".equals(recorded.getState())) {
      Conditions.remove(ctx.status(), ConditionType.ROLLBACK_AVAILABLE);
      return;
    }
    String name = "deploy request #" + recorded.getNumber() + " (" + recorded.getUrl() + ")";
    Optional<String> previous = previousTag(ctx, image);
    if (PENDING_REVERT.equals(recorded.getState())) {
      String until =
          recorded.getDeployedAt() == null
              ? "for up to 30 minutes after its deploy"
              : "until " + Instant.parse(recorded.getDeployedAt()).plus(REVERT_WINDOW);
      String how =
          previous
              .map(
                  tag ->
                      "set spec.image.tag back to "
                          + tag
                          + " (kubectl -n "
                          + ctx.environment().getMetadata().getNamespace()
                          + " patch env "
                          + ctx.environment().getMetadata().getName()
                          + " --type merge -p '{\"spec\":{\"image\":{\"tag\":\""
                          + tag
                          + "\"}}}')")
              .orElse("set spec.image.tag back to the image that ran before");
      ctx.condition(
          ConditionType.ROLLBACK_AVAILABLE,
          true,
          Reason.REVERT_WINDOW_OPEN,
          "the revert window of "
              + name
              + " is open "
              + until
              + ": "
              + how
              + " to roll back the app and revert this schema change together");
      return;
    }
    ctx.condition(
        ConditionType.ROLLBACK_AVAILABLE,
        false,
        Reason.SCHEMA_FORWARD_ONLY,
        "the revert window of "
            + name
            + " is over (or was skipped: spec.database.keepRevertWindow keeps it): a rollback to an"
            + " earlier image rolls back the app only and the schema stays forward. After an"
            + " additive change the earlier image runs with it; after a destructive one, roll"
            + " forward with a fix");
  }

  /** The tag of the newest earlier image this Environment was Ready with. */
  private static Optional<String> previousTag(RolloutContext ctx, DeployedImage current) {
    String digest = current.getDigest();
    return ctx.status().getHistory().stream()
        .filter(e -> HistoryEntry.SUCCEEDED.equals(e.getResult()) && e.getImage() != null)
        .filter(e -> !e.getImage().endsWith("@" + digest))
        .map(HistoryEntry::getImage)
        .map(
            image ->
                image.substring(0, image.indexOf('@') < 0 ? image.length() : image.indexOf('@')))
        .map(reference -> reference.substring(reference.lastIndexOf(':') + 1))
        .findFirst();
  }

  private StepResult reverted(
      RolloutContext ctx, DeployedImage image, String name, DeployRequest request) {
    String message =
        name
            + " was reverted in PlanetScale ("
            + request.deploymentState()
            + ") after "
            + image.reference()
            + " rolled out: "
            + ctx.spec().getDatabase().getBranch()
            + " no longer has the schema this image was promoted with. Set spec.image.tag back to"
            + " the image that ran before, or push a new tag to promote again";
    ctx.status().getDeployRequest().setFailureReason(Reason.SCHEMA_REVERTED.wire());
    metrics.deployRequest("reverted");
    ctx.condition(ConditionType.SCHEMA_PROMOTED, false, Reason.SCHEMA_REVERTED, message);
    ctx.notReady(Phase.Failed, Reason.SCHEMA_REVERTED, message);
    ctx.event(Reason.SCHEMA_REVERTED, message);
    return StepResult.requeue(config.slowRetry());
  }
}
