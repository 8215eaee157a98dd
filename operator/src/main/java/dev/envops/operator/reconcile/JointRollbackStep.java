package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.environment.RollbackStatus;
import dev.envops.operator.planetscale.DeployRequest;
import dev.envops.operator.planetscale.DeployRequests;
import dev.envops.operator.planetscale.ServiceToken;
import java.util.Optional;

/**
 * Steps 6 and 11: rolls app and schema back together: when {@code spec.image.tag} goes back to an
 * image this Environment served before while the last promotion's revert window is still open, that
 * deploy request is reverted ({@code POST …/revert}) in the right order. A destructive change
 * (deployed after its app) is reverted first, so the previous app finds its columns again; an
 * additive one after the previous app is ACTIVE (remove the code before the schema it used).
 */
public final class JointRollbackStep implements ImageStep {

  /** Where in the pass this instance runs. */
  public enum Stage {
    BEFORE_ROLLOUT,
    AFTER_ROLLOUT
  }

  static final String SCHEMA_FIRST = "SchemaFirst";
  static final String APP_FIRST = "AppFirst";

  /** The window ended before the revert: the schema stays as it is. */
  static final String SCHEMA_FORWARD = "schema_forward";

  private final OperatorConfig config;
  private final DeployRequests planetScale;
  private final Stage stage;

  public JointRollbackStep(OperatorConfig config, DeployRequests planetScale, Stage stage) {
    this.config = config;
    this.planetScale = planetScale;
    this.stage = stage;
  }

  @Override
  public StepResult run(RolloutContext ctx, DeployedImage image) {
    DatabaseSpec db = ctx.spec().getDatabase();
    if (!DatabaseSpec.promotes(db)) {
      ctx.status().setRollback(null);
      return StepResult.proceed();
    }
    String revision = image.getDigest();
    RollbackStatus rollback = ctx.status().getRollback();
    if (stage == Stage.AFTER_ROLLOUT) {
      boolean pending =
          rollback != null
              && revision.equals(rollback.getToRevision())
              && APP_FIRST.equals(rollback.getOrder())
              && !finished(rollback);
      return pending ? revert(ctx, image, db, rollback) : StepResult.proceed();
    }
    if (rollback != null && !revision.equals(rollback.getToRevision())) {
      if (!finished(rollback)) {
        ctx.event(
            Reason.ROLLBACK_ABANDONED,
            "spec.image moved on before deploy request #"
                + rollback.getDeployRequest()
                + " was reverted; it is left as it is ("
                + rollback.getState()
                + ")");
      }
      ctx.status().setRollback(null);
      rollback = null;
    }
    if (rollback == null) {
      rollback = detect(ctx, revision).orElse(null);
      if (rollback == null) {
        return StepResult.proceed();
      }
      ctx.status().setRollback(rollback);
      ctx.event(
          Reason.JOINT_ROLLBACK,
          "rolling back to "
              + image.reference()
              + " with the schema: deploy request #"
              + rollback.getDeployRequest()
              + " is reverted "
              + (SCHEMA_FIRST.equals(rollback.getOrder())
                  ? "first (its change was destructive), then the app"
                  : "once the previous app is ACTIVE (its change was additive)"));
    }
    if (finished(rollback) || APP_FIRST.equals(rollback.getOrder())) {
      return StepResult.proceed();
    }
    return revert(ctx, image, db, rollback);
  }

  /** A rollback: back to an image served before, while the revert window of the last is open. */
  private static Optional<RollbackStatus> detect(RolloutContext ctx, String revision) {
    DeployRequestStatus recorded = ctx.status().getDeployRequest();
    if (recorded == null
        || recorded.getNumber() == null
        || revision.equals(recorded.getRevision())
        || recorded.getFailureReason() != null
        || !"complete_pending_revert".equals(recorded.getState())
        || !RolloutHistory.succeededWith(ctx.status(), revision)) {
      return Optional.empty();
    }
    RollbackStatus rollback = new RollbackStatus();
    rollback.setFromRevision(recorded.getRevision());
    rollback.setToRevision(revision);
    rollback.setDeployRequest(recorded.getNumber());
    rollback.setUrl(recorded.getUrl());
    rollback.setOrder(
        SchemaPromotionStep.AFTER.equals(recorded.getOrder()) ? SCHEMA_FIRST : APP_FIRST);
    rollback.setState(recorded.getState());
    return Optional.of(rollback);
  }

  private static boolean finished(RollbackStatus rollback) {
    return rollback.reverted() || SCHEMA_FORWARD.equals(rollback.getState());
  }

  private StepResult revert(
      RolloutContext ctx, DeployedImage image, DatabaseSpec db, RollbackStatus rollback) {
    Optional<ServiceToken> token = ServiceTokens.read(ctx, db);
    if (token.isEmpty()) {
      ctx.inProgress(
          Progress.PROMOTING_SCHEMA,
          Reason.SERVICE_TOKEN_NOT_FOUND,
          ServiceTokens.notFound(ctx, db));
      return StepResult.requeue(config.slowRetry());
    }
    String org = db.getOrganization();
    long number = rollback.getDeployRequest();
    String name = "deploy request #" + number + " (" + rollback.getUrl() + ")";
    DeployRequest request = planetScale.get(token.get(), org, db.getName(), number);
    if ("complete_pending_revert".equals(request.deploymentState())) {
      request = planetScale.revert(token.get(), org, db.getName(), number);
      ctx.event(Reason.SCHEMA_REVERT_STARTED, "reverting " + name + " for the rollback");
    }
    rollback.setState(request.deploymentState());
    switch (request.deploymentState()) {
      case "complete_revert" -> {
        ctx.event(
            Reason.SCHEMA_ROLLED_BACK,
            name + " is reverted: the schema is back to what " + image.reference() + " ran with");
        return StepResult.proceed();
      }
      case "in_progress_revert", "in_progress_revert_vschema" -> {
        ctx.inProgress(
            Progress.PROMOTING_SCHEMA,
            Reason.REVERTING_SCHEMA,
            "reverting " + name + " for the rollback to " + image.reference());
        return StepResult.requeue(config.pollInterval());
      }
      case "complete_revert_error" -> {
        String message =
            "the revert of "
                + name
                + " failed (complete_revert_error); PlanetScale blocks the deploy queue behind it."
                + " The rollback stops here: see the request in PlanetScale";
        ctx.schemaWarningOnce(Phase.Failed, Reason.REVERT_FAILED, message);
        return StepResult.requeue(config.slowRetry());
      }
      default -> {
        return windowEnded(ctx, image, rollback, name, request);
      }
    }
  }

  /** The revert window closed first: say plainly what that means for this rollback. */
  private StepResult windowEnded(
      RolloutContext ctx,
      DeployedImage image,
      RollbackStatus rollback,
      String name,
      DeployRequest request) {
    if (APP_FIRST.equals(rollback.getOrder())) {
      rollback.setState(SCHEMA_FORWARD);
      ctx.event(
          Reason.SCHEMA_FORWARD_ONLY,
          "the revert window of "
              + name
              + " ended ("
              + request.deploymentState()
              + "): the app is rolled back, the schema stays forward. Its change was additive, so"
              + " the previous image runs with it");
      return StepResult.proceed();
    }
    String message =
        "the revert window of "
            + name
            + " ended ("
            + request.deploymentState()
            + ") before the rollback could revert it: the schema stays forward and it dropped or"
            + " renamed what "
            + image.reference()
            + " reads, so envops does not roll that image out. Roll forward with a fix instead";
    ctx.schemaWarningOnce(Phase.Failed, Reason.ROLLBACK_NEEDS_SCHEMA, message);
    rollback.setState(request.deploymentState());
    return StepResult.requeue(config.slowRetry());
  }
}
