package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.DeployRequest;
import dev.envops.operator.planetscale.DeploymentState;
import dev.envops.operator.planetscale.PlanetScaleClient;
import dev.envops.operator.planetscale.PlanetScaleException;
import dev.envops.operator.planetscale.ServiceToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Step 5: before the revision (the resolved image digest) rolls out, promotes {@code promoteFrom}
 * into {@code branch} with one PlanetScale deploy request and waits until it is complete. The
 * request's notes carry the revision, so a request created just before a crash is found and
 * adopted rather than created twice. A failed request stops the rollout: the app is not deployed.
 */
public final class SchemaPromotionStep implements ReconcileStep {

  /** How long an undocumented deployment_state is waited on before it counts as a failure. */
  static final Duration UNKNOWN_STATE_TIMEOUT = Duration.ofMinutes(30);

  private final OperatorConfig config;
  private final PlanetScaleClient planetScale;
  private final OperatorMetrics metrics;

  public SchemaPromotionStep(
      OperatorConfig config, PlanetScaleClient planetScale, OperatorMetrics metrics) {
    this.config = config;
    this.planetScale = planetScale;
    this.metrics = metrics;
  }

  /** The marker in a deploy request's notes that ties it to one revision. */
  static String marker(String revision) {
    return "envops revision " + revision;
  }

  @Override
  public StepResult run(RolloutContext ctx) {
    DatabaseSpec db = ctx.spec().getDatabase();
    if (!promotes(db)) {
      Conditions.remove(ctx.status(), ConditionType.SCHEMA_PROMOTED);
      return StepResult.proceed();
    }
    String revision = ctx.desiredImage().getDigest();
    DeployRequestStatus recorded = ctx.status().getDeployRequest();
    boolean sameRevision = recorded != null && revision.equals(recorded.getRevision());
    if (sameRevision && isPromoted(recorded)) {
      // Promoted earlier: steady state costs no PlanetScale call.
      return promoted(ctx, recorded);
    }
    if (sameRevision && recorded.getFailureReason() != null) {
      // Never a second deploy request for one revision: a new image tag starts over.
      ctx.notReady(Phase.Failed, recorded.getFailureReason(), failureMessage(recorded));
      return StepResult.requeue(config.resyncPeriod());
    }

    Optional<ServiceToken> token = ServiceTokens.read(ctx, db);
    if (token.isEmpty()) {
      promoting(ctx, "ServiceTokenNotFound", ServiceTokens.notFound(ctx, db));
      return StepResult.requeue(config.slowRetry());
    }
    try {
      DeployRequest request =
          sameRevision && recorded.getNumber() != null
              ? planetScale.get(token.get(), db.getOrganization(), db.getName(), recorded.getNumber())
              : adoptOrCreate(ctx, token.get(), db, revision);
      return act(ctx, token.get(), db, request, revision);
    } catch (PlanetScaleException e) {
      if (e.isPermissionDenied()) {
        promoting(ctx, "PlanetScaleAccessDenied",
            "the service token " + token.get().id() + " was refused: " + e.getMessage()
                + " (it needs read_deploy_request, create_deploy_request and"
                + " deploy_deploy_request on " + db.getOrganization() + "/" + db.getName() + ")");
        return StepResult.requeue(config.slowRetry());
      }
      throw e;
    }
  }

  private DeployRequest adoptOrCreate(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, String revision) {
    List<DeployRequest> recent =
        planetScale.listRecent(
            token, db.getOrganization(), db.getName(), db.getPromoteFrom(), db.getBranch());
    Optional<DeployRequest> ours =
        recent.stream()
            .filter(r -> r.notes() != null && r.notes().contains(marker(revision)))
            .findFirst();
    Optional<DeployRequest> open = recent.stream().filter(DeployRequest::isOpen).findFirst();
    DeployRequest request;
    if (ours.isPresent()) {
      request = ours.get();
      ctx.normalEvent("DeployRequestAdopted",
          "adopted deploy request #" + request.number() + " created for this revision earlier");
    } else if (open.isPresent()) {
      request = open.get();
      ctx.normalEvent("DeployRequestAdopted",
          "adopted open deploy request #" + request.number() + " " + db.getPromoteFrom() + " -> "
              + db.getBranch());
    } else {
      String notes =
          "Schema for " + ctx.environment().getMetadata().getNamespace() + "/"
              + ctx.environment().getMetadata().getName() + " (git " + ctx.spec().getGitRef()
              + "), " + marker(revision) + ". Created by envops.";
      request =
          planetScale.create(
              token, db.getOrganization(), db.getName(), db.getPromoteFrom(), db.getBranch(), notes);
      metrics.deployRequest("created");
      ctx.normalEvent("DeployRequestCreated",
          "created deploy request #" + request.number() + " " + db.getPromoteFrom() + " -> "
              + db.getBranch() + ": " + request.htmlUrl());
    }
    record(ctx, request, revision);
    return request;
  }

  private StepResult act(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      String revision) {
    DeployRequestStatus status = record(ctx, request, revision);
    String name = "deploy request #" + request.number() + " (" + request.htmlUrl() + ")";
    switch (request.phase()) {
      case CHECKING:
        promoting(ctx, "DeployRequestPending", name + " is checking the schema difference");
        return StepResult.requeue(config.pollInterval());
      case READY:
        return deployReady(ctx, token, db, request, name);
      case IN_PROGRESS:
        promoting(ctx, "DeployRequestDeploying", name + " is " + request.deploymentState());
        return StepResult.requeue(config.pollInterval());
      case PENDING_CUTOVER:
        // A gated deploy would otherwise wait for someone to press apply by hand.
        planetScale.applyDeploy(token, db.getOrganization(), db.getName(), request.number());
        ctx.normalEvent("DeployRequestCutover", "applied the gated cut-over of " + name);
        promoting(ctx, "DeployRequestCutover", name + " is cutting over");
        return StepResult.requeue(config.pollInterval());
      case NO_CHANGES:
        if (request.isOpen()) {
          DeployRequest closed =
              planetScale.close(token, db.getOrganization(), db.getName(), request.number());
          record(ctx, closed, revision);
          ctx.normalEvent("DeployRequestClosed",
              "closed " + name + ": " + db.getPromoteFrom() + " has no schema changes for "
                  + db.getBranch());
        }
        return promoted(ctx, ctx.status().getDeployRequest());
      case COMPLETE:
        return promoted(ctx, status);
      case FAILED:
        return failed(ctx, token, db, request, "DeployRequestFailed",
            name + " ended in " + request.deploymentState() + "; the app was not rolled out");
      default:
        return unknownState(ctx, token, db, request, name);
    }
  }

  private StepResult deployReady(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      String name) {
    if (!request.isOpen()) {
      return failed(ctx, token, db, request, "DeployRequestClosed",
          name + " was closed before it was deployed; push a new tag to promote again");
    }
    if (!request.deployable() || !request.lintErrors().isEmpty()) {
      promoting(ctx, "DeployRequestNotDeployable",
          name + " cannot be deployed: "
              + (request.lintErrors().isEmpty()
                  ? "PlanetScale reports it not deployable"
                  : String.join("; ", request.lintErrors())));
      return StepResult.requeue(config.slowRetry());
    }
    try {
      DeployRequest queued =
          planetScale.deploy(token, db.getOrganization(), db.getName(), request.number());
      record(ctx, queued, ctx.status().getDeployRequest().getRevision());
      ctx.normalEvent("DeployRequestDeployed", "queued the deploy of " + name);
      promoting(ctx, "DeployRequestDeploying", name + " is " + queued.deploymentState());
      return StepResult.requeue(config.pollInterval());
    } catch (PlanetScaleException e) {
      if (e.status() != 422 || request.approved()) {
        throw e;
      }
    }
    return approve(ctx, token, db, request, name);
  }

  /** The deploy was refused while unapproved: approve when the token may, else say who must. */
  private StepResult approve(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      String name) {
    try {
      planetScale.approve(
          token, db.getOrganization(), db.getName(), request.number(), "Approved by envops");
      ctx.normalEvent("DeployRequestApproved", "approved " + name);
      promoting(ctx, "DeployRequestApproved", name + " approved; deploying next");
      return StepResult.requeue(config.pollInterval());
    } catch (PlanetScaleException e) {
      if (e.isRetryable()) {
        throw e;
      }
      String message =
          name + " needs an approving review before it can deploy, and token " + token.id()
              + " may not give it (" + e.getMessage() + ")";
      if (ctx.condition(ConditionType.SCHEMA_PROMOTED, false, "AwaitingApproval", message)) {
        ctx.warningEvent("AwaitingApproval", message);
      }
      ctx.notReady(Phase.PromotingSchema, "AwaitingApproval", message);
      return StepResult.requeue(config.slowRetry());
    }
  }

  private StepResult unknownState(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      String name) {
    Instant since = since(ctx.status().getDeployRequest());
    if (since != null && ctx.now().isAfter(since.plus(UNKNOWN_STATE_TIMEOUT))) {
      return failed(ctx, token, db, request, "DeployRequestStateUnknown",
          name + " stayed in the undocumented state " + request.deploymentState() + " for over "
              + UNKNOWN_STATE_TIMEOUT.toMinutes() + " minutes");
    }
    promoting(ctx, "DeployRequestStateUnknown",
        name + " is in the undocumented state " + request.deploymentState() + "; waiting");
    return StepResult.requeue(config.pollInterval());
  }

  private StepResult failed(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      String reason,
      String message) {
    DeployRequestStatus status = ctx.status().getDeployRequest();
    boolean first = status.getFailureReason() == null;
    status.setFailureReason(reason);
    if (first) {
      metrics.deployRequest("failed");
      ctx.warningEvent(reason, message);
      if (request.isOpen() && request.phase() == DeploymentState.FAILED) {
        closeQuietly(ctx, token, db, request);
      }
    }
    ctx.condition(ConditionType.SCHEMA_PROMOTED, false, reason, message);
    ctx.notReady(Phase.Failed, reason, message);
    return StepResult.requeue(config.resyncPeriod());
  }

  /** A failed request left open blocks the database's deploy queue; closing it is best effort. */
  private void closeQuietly(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, DeployRequest request) {
    try {
      planetScale.close(token, db.getOrganization(), db.getName(), request.number());
      ctx.normalEvent("DeployRequestClosed",
          "closed failed deploy request #" + request.number() + " so it does not block the queue");
    } catch (PlanetScaleException e) {
      ctx.warningEvent("DeployRequestNotClosed",
          "could not close failed deploy request #" + request.number() + ": " + e.getMessage());
    }
  }

  private StepResult promoted(RolloutContext ctx, DeployRequestStatus request) {
    String message =
        DeploymentState.of(request.getState()) == DeploymentState.NO_CHANGES
            ? "no schema changes to promote (deploy request #" + request.getNumber() + " closed)"
            : "deploy request #" + request.getNumber() + " is " + request.getState() + " ("
                + request.getUrl() + ")";
    String reason =
        DeploymentState.of(request.getState()) == DeploymentState.NO_CHANGES
            ? "NoSchemaChanges"
            : "DeployRequestComplete";
    if (ctx.condition(ConditionType.SCHEMA_PROMOTED, true, reason, message)) {
      metrics.deployRequest(reason.equals("NoSchemaChanges") ? "no_changes" : "complete");
      ctx.normalEvent("SchemaPromoted", message);
    }
    return StepResult.proceed();
  }

  /** True when {@code db} names a branch to promote from (step 5 has work to do). */
  static boolean promotes(DatabaseSpec db) {
    return db != null && db.getPromoteFrom() != null && !db.getPromoteFrom().isBlank();
  }

  static void promoting(RolloutContext ctx, String reason, String message) {
    ctx.condition(ConditionType.SCHEMA_PROMOTED, false, reason, message);
    ctx.notReady(Phase.PromotingSchema, reason, message);
  }

  /** Records the request in status; a state change also feeds the time-in-state metric. */
  private DeployRequestStatus record(RolloutContext ctx, DeployRequest request, String revision) {
    DeployRequestStatus status = ctx.status().getDeployRequest();
    boolean sameRequest =
        status != null
            && revision.equals(status.getRevision())
            && status.getNumber() != null
            && status.getNumber() == request.number();
    if (!sameRequest) {
      status = new DeployRequestStatus();
      status.setRevision(revision);
      status.setNumber(request.number());
      ctx.status().setDeployRequest(status);
    }
    if (!request.deploymentState().equals(status.getState())) {
      if (status.getState() != null && since(status) != null) {
        metrics.deployRequestStateSeconds(
            status.getState(),
            Duration.between(since(status), ctx.now()).toMillis() / 1000.0);
      }
      status.setState(request.deploymentState());
      status.setStateSince(Conditions.timestamp(ctx.now()));
    }
    status.setRequestState(request.state());
    status.setUrl(request.htmlUrl());
    return status;
  }

  private static boolean isPromoted(DeployRequestStatus recorded) {
    DeploymentState state = DeploymentState.of(recorded.getState());
    return state == DeploymentState.COMPLETE
        || state == DeploymentState.NO_CHANGES && "closed".equals(recorded.getRequestState());
  }

  private static Instant since(DeployRequestStatus status) {
    return status.getStateSince() == null ? null : Instant.parse(status.getStateSince());
  }

  private static String failureMessage(DeployRequestStatus recorded) {
    return "deploy request #" + recorded.getNumber() + " (" + recorded.getUrl() + ") ended in "
        + recorded.getState() + "; the app was not rolled out. Push a new image tag to try again.";
  }
}
