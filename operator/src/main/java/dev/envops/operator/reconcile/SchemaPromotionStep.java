package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.DestructiveChanges;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.DeployRequest;
import dev.envops.operator.planetscale.DeployRequests;
import dev.envops.operator.planetscale.DeploymentState;
import dev.envops.operator.planetscale.PlanetScaleException;
import dev.envops.operator.planetscale.SchemaChangeClass;
import dev.envops.operator.planetscale.ServiceToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Steps 7 and 10: before the revision (the resolved image digest) rolls out, promotes {@code
 * promoteFrom} into {@code branch} with one PlanetScale deploy request and waits until it is
 * deployed. The request's notes carry the revision, so a request created just before a crash is
 * found and adopted rather than created twice; a request of another revision is adopted only while
 * it has not started deploying. A failed request stops the rollout: the app is not deployed. The
 * step runs twice in a pass: before the rollout (step 7) for additive changes, and after the new
 * deployment is ACTIVE (step 10) for a destructive one (expand/contract: remove the code before the
 * schema it used).
 */
public final class SchemaPromotionStep implements ImageStep {

  /** Where in the pass this instance runs. */
  public enum Stage {
    BEFORE_ROLLOUT,
    AFTER_ROLLOUT
  }

  /** The annotation a person sets to the number of a held deploy request to let it deploy. */
  public static final String APPROVE_ANNOTATION = "envops.dev/approve-deploy-request";

  static final String BEFORE = "BeforeRollout";
  static final String AFTER = "AfterRollout";
  static final String HELD = "Held";

  /** How long an undocumented deployment_state is waited on before it counts as a failure. */
  static final Duration UNKNOWN_STATE_TIMEOUT = Duration.ofMinutes(30);

  /** A failed deploy or revert: PlanetScale blocks the database's deploy queue behind it. */
  private static final Set<String> QUEUE_BLOCKING =
      Set.of("complete_error", "complete_revert_error");

  private final OperatorConfig config;
  private final DeployRequests planetScale;
  private final OperatorMetrics metrics;
  private final Stage stage;

  public SchemaPromotionStep(
      OperatorConfig config, DeployRequests planetScale, OperatorMetrics metrics, Stage stage) {
    this.config = config;
    this.planetScale = planetScale;
    this.metrics = metrics;
    this.stage = stage;
  }

  /** The marker in a deploy request's notes that ties it to one revision. */
  static String marker(String revision) {
    return "envops revision " + revision;
  }

  @Override
  public StepResult run(RolloutContext ctx, DeployedImage image) {
    DatabaseSpec db = ctx.spec().getDatabase();
    if (!DatabaseSpec.promotes(db)) {
      Conditions.remove(ctx.status(), ConditionType.SCHEMA_PROMOTED);
      return StepResult.proceed();
    }
    String revision = image.getDigest();
    DeployRequestStatus recorded = ctx.status().getDeployRequest();
    boolean sameRevision = recorded != null && revision.equals(recorded.getRevision());
    boolean failed = sameRevision && recorded.getFailureReason() != null;
    boolean afterRollout =
        sameRevision && !failed && AFTER.equals(recorded.getOrder()) && !isPromoted(recorded);
    if (stage == Stage.AFTER_ROLLOUT && !afterRollout) {
      return StepResult.proceed();
    }
    if (stage == Stage.BEFORE_ROLLOUT && afterRollout) {
      // Decided earlier: the app goes first; the request is deployed once it is ACTIVE.
      return StepResult.proceed();
    }
    boolean quiet = failed ? !needsUnblock(db, recorded) : sameRevision && isPromoted(recorded);
    Optional<ServiceToken> token = Optional.empty();
    if (!quiet) {
      token = ServiceTokens.read(ctx, db);
      if (token.isEmpty()) {
        ctx.inProgress(
            Progress.PROMOTING_SCHEMA,
            Reason.SERVICE_TOKEN_NOT_FOUND,
            ServiceTokens.notFound(ctx, db));
        return StepResult.requeue(config.slowRetry());
      }
    }
    try {
      if (failed) {
        // Never a second deploy request for one revision: a new image tag starts over.
        return stillFailed(ctx, token, db, recorded);
      }
      if (sameRevision && isPromoted(recorded)) {
        // Promoted earlier: steady state costs no PlanetScale call.
        return promoted(ctx, recorded);
      }
      Found found =
          sameRevision && recorded.getNumber() != null
              ? new Found(
                  planetScale.get(
                      token.get(), db.getOrganization(), db.getName(), recorded.getNumber()),
                  null)
              : adoptOrCreate(ctx, token.get(), db, revision);
      if (found.request() == null) {
        return found.retry();
      }
      return act(ctx, token.get(), db, found.request(), image);
    } catch (PlanetScaleException e) {
      if (e.isPermissionDenied() || e.isNotFound()) {
        return accessDenied(ctx, token.get(), db, e);
      }
      throw e;
    }
  }

  /** The revision's deploy request, or why there is none yet (the condition says so). */
  private record Found(DeployRequest request, StepResult retry) {}

  private Found adoptOrCreate(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, String revision) {
    List<DeployRequest> all =
        planetScale.listAll(
            token, db.getOrganization(), db.getName(), db.getPromoteFrom(), db.getBranch());
    Optional<DeployRequest> ours =
        all.stream()
            .filter(r -> r.notes() != null && r.notes().contains(marker(revision)))
            .findFirst();
    // Only a request that has not started deploying: one in its revert window is an earlier
    // revision's, already deployed, and says nothing about this revision's schema.
    Optional<DeployRequest> adoptable = all.stream().filter(DeployRequest::isAdoptable).findFirst();
    DeployRequest request;
    if (ours.isPresent()) {
      request = ours.get();
      ctx.event(
          Reason.DEPLOY_REQUEST_ADOPTED,
          "adopted deploy request #" + request.number() + " created for this revision earlier");
    } else if (adoptable.isPresent()) {
      request = adoptable.get();
      ctx.event(
          Reason.DEPLOY_REQUEST_ADOPTED,
          "adopted open deploy request #"
              + request.number()
              + " "
              + db.getPromoteFrom()
              + " -> "
              + db.getBranch()
              + " (not deployed yet)");
    } else {
      Found created = create(ctx, token, db, revision, all);
      if (created.request() == null) {
        return created;
      }
      request = created.request();
    }
    DeployRequestRecords.record(ctx, request, revision, metrics);
    return new Found(request, null);
  }

  private Found create(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      String revision,
      List<DeployRequest> existing) {
    String notes =
        "Schema for "
            + ctx.environment().getMetadata().getNamespace()
            + "/"
            + ctx.environment().getMetadata().getName()
            + " (git "
            + ctx.spec().getGitRef()
            + "), "
            + marker(revision)
            + ". Created by envops.";
    try {
      DeployRequest request =
          planetScale.create(
              token,
              db.getOrganization(),
              db.getName(),
              db.getPromoteFrom(),
              db.getBranch(),
              notes);
      metrics.deployRequest("created");
      ctx.event(
          Reason.DEPLOY_REQUEST_CREATED,
          "created deploy request #"
              + request.number()
              + " "
              + db.getPromoteFrom()
              + " -> "
              + db.getBranch()
              + ": "
              + request.htmlUrl());
      return new Found(request, null);
    } catch (PlanetScaleException e) {
      if (!e.isUnprocessable()) {
        throw e;
      }
      if (e.serverMessage().contains("not a production branch")) {
        String message =
            "PlanetScale refused a deploy request into "
                + db.getBranch()
                + ": "
                + e.serverMessage()
                + " Deploy requests go into a production branch with safe migrations; fix"
                + " spec.database.branch or promote the branch in PlanetScale";
        ctx.schemaWarningOnce(Phase.Failed, Reason.BRANCH_NOT_PRODUCTION, message);
        return new Found(null, StepResult.requeue(config.slowRetry()));
      }
      Optional<DeployRequest> busy =
          existing.stream().filter(r -> r.isOpen() && r.deployedAt() == null).findFirst();
      if (busy.isPresent() && QUEUE_BLOCKING.contains(busy.get().deploymentState())) {
        DeployRequest blocker = busy.get();
        return new Found(
            null,
            queueBlocked(
                ctx,
                token,
                db,
                blocker,
                new DeployRequest.QueuedDeployment(blocker.number(), blocker.deploymentState()),
                "the deploy request for this revision"));
      }
      String message =
          busy.map(
                  r ->
                      "deploy request #"
                          + r.number()
                          + " ("
                          + r.htmlUrl()
                          + ") of another revision is "
                          + r.deploymentState()
                          + "; PlanetScale opens the next one "
                          + db.getPromoteFrom()
                          + " -> "
                          + db.getBranch()
                          + " when it is deployed or closed")
              .orElse("PlanetScale refused a new deploy request: " + e.serverMessage());
      ctx.inProgress(Progress.PROMOTING_SCHEMA, Reason.WAITING_FOR_DEPLOY_REQUEST, message);
      return new Found(null, StepResult.requeue(config.pollInterval()));
    }
  }

  private StepResult act(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      DeployedImage image) {
    String revision = image.getDigest();
    DeployRequestStatus status = DeployRequestRecords.record(ctx, request, revision, metrics);
    String name = name(request);
    switch (request.phase()) {
      case CHECKING:
        return waiting(
            ctx,
            status,
            Reason.DEPLOY_REQUEST_PENDING,
            name + " is checking the schema difference");
      case READY:
        return ready(ctx, image, token, db, request, status, name);
      case IN_PROGRESS:
        if ("queued".equals(request.deploymentState())) {
          return queued(ctx, token, db, request, status, name);
        }
        return waiting(
            ctx,
            status,
            Reason.DEPLOY_REQUEST_DEPLOYING,
            name + " is " + request.deploymentState());
      case PENDING_CUTOVER:
        return pendingCutover(ctx, token, db, request, status, name);
      case NO_CHANGES:
        if (request.isOpen()) {
          DeployRequest closed =
              planetScale.close(token, db.getOrganization(), db.getName(), request.number());
          DeployRequestRecords.record(ctx, closed, revision, metrics);
          ctx.event(
              Reason.DEPLOY_REQUEST_CLOSED,
              "closed "
                  + name
                  + ": "
                  + db.getPromoteFrom()
                  + " has no schema changes for "
                  + db.getBranch());
        }
        return promoted(ctx, ctx.status().getDeployRequest());
      case COMPLETE:
        return promoted(ctx, status);
      case FAILED:
        return failedState(ctx, token, db, request, name);
      default:
        return unknownState(ctx, token, db, request, name);
    }
  }

  /** Classifies the change and deploys it now, after the rollout, or once a person approves. */
  private StepResult ready(
      RolloutContext ctx,
      DeployedImage image,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      DeployRequestStatus status,
      String name) {
    SchemaChangeClass change = SchemaChangeClass.of(request.operations());
    String order = order(ctx, db, request, change);
    status.setChangeClass(change.name());
    status.setOrder(order);
    List<String> risky = SchemaChangeClass.notAdditive(request.operations());
    String statements =
        risky.isEmpty()
            ? ""
            : ": " + String.join("; ", risky.subList(0, Math.min(3, risky.size())));
    if (HELD.equals(order)) {
      String message =
          name
              + " is "
              + change.name().toLowerCase(java.util.Locale.ROOT)
              + statements
              + ". It is held for a person: approve it with `kubectl annotate env "
              + ctx.environment().getMetadata().getName()
              + " "
              + APPROVE_ANNOTATION
              + "="
              + request.number()
              + "`"
              + (change == SchemaChangeClass.DESTRUCTIVE
                  ? " (it then deploys after the app rolls out)"
                  : " (it then deploys before the app), or set spec.database.destructiveChanges:"
                      + " BeforeRollout");
      ctx.schemaWarningOnce(Phase.PromotingSchema, Reason.AWAITING_SCHEMA_APPROVAL, message);
      return StepResult.requeue(config.slowRetry());
    }
    if (AFTER.equals(order) && stage == Stage.BEFORE_ROLLOUT) {
      String message =
          name
              + " drops or renames what the running app reads"
              + statements
              + "; it deploys once "
              + image.reference()
              + " is ACTIVE (spec.database.destructiveChanges: AfterRollout)";
      if (!ctx.schemaPromotedSays(Reason.SCHEMA_AFTER_ROLLOUT)) {
        ctx.event(Reason.SCHEMA_AFTER_ROLLOUT, message);
      }
      ctx.condition(ConditionType.SCHEMA_PROMOTED, false, Reason.SCHEMA_AFTER_ROLLOUT, message);
      return StepResult.proceed();
    }
    return deployReady(ctx, token, db, request, name);
  }

  private static String order(
      RolloutContext ctx, DatabaseSpec db, DeployRequest request, SchemaChangeClass change) {
    var annotations = ctx.environment().getMetadata().getAnnotations();
    boolean approved =
        annotations != null
            && String.valueOf(request.number()).equals(annotations.get(APPROVE_ANNOTATION));
    DestructiveChanges policy = db.destructiveChangesOrDefault();
    return switch (change) {
      case NONE, ADDITIVE -> BEFORE;
      case DESTRUCTIVE ->
          switch (policy) {
            case AfterRollout -> AFTER;
            case BeforeRollout -> BEFORE;
            case Hold -> approved ? AFTER : HELD;
          };
      case MIXED, UNKNOWN -> policy == DestructiveChanges.BeforeRollout || approved ? BEFORE : HELD;
    };
  }

  private StepResult deployReady(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, DeployRequest request, String name) {
    if (!request.isOpen()) {
      return failed(
          ctx,
          token,
          db,
          request,
          Reason.DEPLOY_REQUEST_CLOSED,
          name + " was closed before it was deployed; push a new tag to promote again");
    }
    if (!request.deployable() || !request.lintErrors().isEmpty()) {
      ctx.inProgress(
          Progress.PROMOTING_SCHEMA,
          Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE,
          name + " cannot be deployed: " + lintSummary(request));
      return StepResult.requeue(config.slowRetry());
    }
    try {
      DeployRequest queued =
          planetScale.deploy(token, db.getOrganization(), db.getName(), request.number());
      DeployRequestRecords.record(
          ctx, queued, ctx.status().getDeployRequest().getRevision(), metrics);
      ctx.event(Reason.DEPLOY_REQUEST_DEPLOYED, "queued the deploy of " + name);
      ctx.inProgress(
          Progress.PROMOTING_SCHEMA,
          Reason.DEPLOY_REQUEST_DEPLOYING,
          name + " is " + queued.deploymentState());
      return StepResult.requeue(config.pollInterval());
    } catch (PlanetScaleException e) {
      if (!e.isUnprocessable() || request.approved()) {
        throw e;
      }
    }
    return approve(ctx, token, db, request, name);
  }

  /** The deploy was refused while unapproved: approve when the token may, else say who must. */
  private StepResult approve(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, DeployRequest request, String name) {
    try {
      planetScale.approve(
          token, db.getOrganization(), db.getName(), request.number(), "Approved by envops");
      ctx.event(Reason.DEPLOY_REQUEST_APPROVED, "approved " + name);
      ctx.inProgress(
          Progress.PROMOTING_SCHEMA,
          Reason.DEPLOY_REQUEST_APPROVED,
          name + " approved; deploying next");
      return StepResult.requeue(config.pollInterval());
    } catch (PlanetScaleException e) {
      if (e.isRetryable()) {
        throw e;
      }
      String message =
          name
              + " needs an approving review before it can deploy, and token "
              + token.id()
              + " may not give it ("
              + e.getMessage()
              + ")";
      ctx.schemaWarningOnce(Phase.PromotingSchema, Reason.AWAITING_APPROVAL, message);
      return StepResult.requeue(config.slowRetry());
    }
  }

  /** Queued: says what the deploy queue waits on, and unblocks a failed deploy when allowed. */
  private StepResult queued(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      DeployRequestStatus status,
      String name) {
    List<DeployRequest.QueuedDeployment> ahead = request.preceding();
    Instant since = DeployRequestRecords.since(status);
    if (ahead.isEmpty()
        && since != null
        && ctx.now().isAfter(since.plus(config.pollInterval().multipliedBy(3)))) {
      // The request's own list may not name a failed deploy that holds the queue; the queue does.
      ahead =
          planetScale.deployQueue(token, db.getOrganization(), db.getName()).stream()
              .filter(q -> q.deployRequestNumber() != request.number())
              .toList();
    }
    for (DeployRequest.QueuedDeployment blocker : ahead) {
      if (QUEUE_BLOCKING.contains(blocker.state())) {
        return queueBlocked(ctx, token, db, request, blocker, name);
      }
    }
    String blockerUrl;
    for (DeployRequest.QueuedDeployment blocker : ahead) {
      blockerUrl = DeployRequestRecords.urlOf(request.htmlUrl(), blocker.deployRequestNumber());
      if ("complete_pending_revert".equals(blocker.state())) {
        return waiting(
            ctx,
            status,
            Reason.WAITING_FOR_REVERT_WINDOW,
            name
                + " is queued behind deploy request #"
                + blocker.deployRequestNumber()
                + " ("
                + blockerUrl
                + "), whose revert window (up to 30 minutes) holds the deploy queue of "
                + db.getOrganization()
                + "/"
                + db.getName()
                + "; skip its revert in PlanetScale to go on now");
      }
      if ("pending_cutover".equals(blocker.state())) {
        return waiting(
            ctx,
            status,
            Reason.WAITING_FOR_GATED_DEPLOY,
            name
                + " is queued behind deploy request #"
                + blocker.deployRequestNumber()
                + " ("
                + blockerUrl
                + "), which waits for someone to apply its cut-over");
      }
    }
    String behind =
        ahead.isEmpty()
            ? ""
            : " behind "
                + String.join(
                    ", ",
                    ahead.stream()
                        .map(q -> "#" + q.deployRequestNumber() + " (" + q.state() + ")")
                        .toList());
    return waiting(ctx, status, Reason.DEPLOY_REQUEST_QUEUED, name + " is queued" + behind);
  }

  private StepResult queueBlocked(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      DeployRequest.QueuedDeployment blocker,
      String name) {
    String blockerName =
        "deploy request #"
            + blocker.deployRequestNumber()
            + " ("
            + DeployRequestRecords.urlOf(request.htmlUrl(), blocker.deployRequestNumber())
            + ")";
    if (db.unblocksFailedDeploys()) {
      planetScale.completeDeploy(
          token, db.getOrganization(), db.getName(), blocker.deployRequestNumber());
      String message =
          "unblocked the deploy queue of "
              + db.getOrganization()
              + "/"
              + db.getName()
              + ": "
              + blockerName
              + " had ended in "
              + blocker.state()
              + " (spec.database.unblockFailedDeploys)";
      ctx.event(Reason.DEPLOY_QUEUE_UNBLOCKED, message);
      ctx.inProgress(
          Progress.PROMOTING_SCHEMA,
          Reason.DEPLOY_QUEUE_UNBLOCKED,
          message + "; " + name + " deploys next");
      return StepResult.requeue(config.pollInterval());
    }
    String message =
        "the deploy queue of "
            + db.getOrganization()
            + "/"
            + db.getName()
            + " is blocked by "
            + blockerName
            + ", whose deploy ended in "
            + blocker.state()
            + "; "
            + name
            + " cannot deploy until someone unblocks it (pscale deploy-request unblock "
            + db.getName()
            + " "
            + blocker.deployRequestNumber()
            + "), or set spec.database.unblockFailedDeploys: true";
    ctx.schemaWarningOnce(Phase.PromotingSchema, Reason.DEPLOY_QUEUE_BLOCKED, message);
    return StepResult.requeue(config.slowRetry());
  }

  private StepResult pendingCutover(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      DeployRequestStatus status,
      String name) {
    if (!db.appliesGatedCutover()) {
      // A cut-over someone gated (auto-apply off) is theirs to press, unless the spec says
      // otherwise.
      return waiting(
          ctx,
          status,
          Reason.AWAITING_CUTOVER,
          name
              + " is deployed up to its gated cut-over (pending_cutover); apply it in PlanetScale"
              + " (pscale deploy-request apply), or set spec.database.applyGatedCutover: true");
    }
    planetScale.applyDeploy(token, db.getOrganization(), db.getName(), request.number());
    ctx.event(
        Reason.DEPLOY_REQUEST_CUTOVER,
        "applied the gated cut-over of " + name + " (spec.database.applyGatedCutover)");
    ctx.inProgress(
        Progress.PROMOTING_SCHEMA, Reason.DEPLOY_REQUEST_CUTOVER, name + " is cutting over");
    return StepResult.requeue(config.pollInterval());
  }

  private StepResult failedState(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, DeployRequest request, String name) {
    String state = request.deploymentState();
    if ("error".equals(state)) {
      return failed(
          ctx,
          token,
          db,
          request,
          Reason.DEPLOY_REQUEST_NOT_DEPLOYABLE,
          name
              + " failed PlanetScale's deploy checks: "
              + lintSummary(request)
              + appOutcome()
              + ". Fix the schema on "
              + db.getPromoteFrom()
              + " and push a new image tag");
    }
    if ("complete_revert".equals(state)) {
      return failed(
          ctx,
          token,
          db,
          request,
          Reason.SCHEMA_REVERTED,
          name + " was reverted before this revision rolled out; the app was not rolled out");
    }
    String message = name + " ended in " + state + appOutcome();
    if (QUEUE_BLOCKING.contains(state)) {
      message += ". " + queueBlockedHint(db, request.number());
    }
    return failed(ctx, token, db, request, Reason.DEPLOY_REQUEST_FAILED, message);
  }

  /** What the failure meant for the app: not rolled out, or rolled out first (AfterRollout). */
  private String appOutcome() {
    return stage == Stage.BEFORE_ROLLOUT
        ? "; the app was not rolled out"
        : "; the app rolled out first (a destructive change goes after it), so the new image serves"
            + " with the previous schema";
  }

  private static String queueBlockedHint(DatabaseSpec db, long number) {
    return "PlanetScale blocks the deploy queue of "
        + db.getOrganization()
        + "/"
        + db.getName()
        + " behind it until someone unblocks it (pscale deploy-request unblock "
        + db.getName()
        + " "
        + number
        + (db.unblocksFailedDeploys()
            ? "); envops does so (spec.database.unblockFailedDeploys)"
            : ", or set spec.database.unblockFailedDeploys: true)");
  }

  private StepResult unknownState(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, DeployRequest request, String name) {
    Instant since = DeployRequestRecords.since(ctx.status().getDeployRequest());
    if (since != null && ctx.now().isAfter(since.plus(UNKNOWN_STATE_TIMEOUT))) {
      return failed(
          ctx,
          token,
          db,
          request,
          Reason.DEPLOY_REQUEST_STATE_UNKNOWN,
          name
              + " stayed in the undocumented state "
              + request.deploymentState()
              + " for over "
              + UNKNOWN_STATE_TIMEOUT.toMinutes()
              + " minutes");
    }
    ctx.inProgress(
        Progress.PROMOTING_SCHEMA,
        Reason.DEPLOY_REQUEST_STATE_UNKNOWN,
        name + " is in the undocumented state " + request.deploymentState() + "; waiting");
    return StepResult.requeue(config.pollInterval());
  }

  /**
   * A state that moves by itself; after {@code ENVOPS_DEPLOY_REQUEST_PATIENCE} in it the condition
   * says the request is stuck (a Warning once) and polling slows, never a silent wait.
   */
  private StepResult waiting(
      RolloutContext ctx, DeployRequestStatus status, Reason reason, String message) {
    Instant since = DeployRequestRecords.since(status);
    Duration patience = config.deployRequestPatience();
    // Another request's revert window ends by itself within 30 minutes: never "stuck" (Stalled).
    boolean bounded = reason == Reason.WAITING_FOR_REVERT_WINDOW;
    if (!bounded && since != null && ctx.now().isAfter(since.plus(patience))) {
      String stuck =
          message
              + "; in "
              + status.getState()
              + " since "
              + status.getStateSince()
              + ", longer than ENVOPS_DEPLOY_REQUEST_PATIENCE ("
              + (patience.toMinutes() > 0
                  ? patience.toMinutes() + " min"
                  : patience.toSeconds() + " s")
              + ")";
      ctx.schemaWarningOnce(Phase.PromotingSchema, Reason.DEPLOY_REQUEST_STUCK, stuck);
      return StepResult.requeue(config.slowRetry());
    }
    ctx.inProgress(Progress.PROMOTING_SCHEMA, reason, message);
    return StepResult.requeue(config.pollInterval());
  }

  /** The revision's promotion failed earlier; unblocks the queue behind it when the spec allows. */
  private StepResult stillFailed(
      RolloutContext ctx,
      Optional<ServiceToken> token,
      DatabaseSpec db,
      DeployRequestStatus recorded) {
    if (needsUnblock(db, recorded)) {
      // A later pass than the one that recorded the failure: a crash in between cannot make the
      // completed request read as a promotion.
      DeployRequest unblocked =
          planetScale.completeDeploy(
              token.orElseThrow(), db.getOrganization(), db.getName(), recorded.getNumber());
      DeployRequestRecords.record(ctx, unblocked, recorded.getRevision(), metrics);
      ctx.event(
          Reason.DEPLOY_QUEUE_UNBLOCKED,
          "unblocked the deploy queue of "
              + db.getOrganization()
              + "/"
              + db.getName()
              + " behind failed deploy request #"
              + recorded.getNumber()
              + " (spec.database.unblockFailedDeploys)");
    }
    ctx.notReady(Phase.Failed, recorded.getFailureReason(), failureMessage(recorded));
    return StepResult.requeue(config.resyncPeriod());
  }

  private static boolean needsUnblock(DatabaseSpec db, DeployRequestStatus recorded) {
    return db.unblocksFailedDeploys()
        && recorded.getNumber() != null
        && QUEUE_BLOCKING.contains(recorded.getState());
  }

  private StepResult failed(
      RolloutContext ctx,
      ServiceToken token,
      DatabaseSpec db,
      DeployRequest request,
      Reason reason,
      String message) {
    DeployRequestStatus status = ctx.status().getDeployRequest();
    boolean first = status.getFailureReason() == null;
    // An open failed request would stop the next revision's request from opening. One that blocks
    // the queue stays as it is: closing it is not documented to unblock anything. Closed before
    // the failure is recorded: a close PlanetScale cannot answer now ends the pass, and the next
    // pass, finding the failure still unrecorded, closes again.
    Optional<Closing> closing =
        first
                && request.isOpen()
                && request.phase() == DeploymentState.FAILED
                && !QUEUE_BLOCKING.contains(request.deploymentState())
            ? Optional.of(closeQuietly(token, db, request))
            : Optional.empty();
    status.setFailureReason(reason.wire());
    if (first) {
      metrics.deployRequest("failed");
      // Warning whatever the reason's own type (DeployRequestClosed is Normal when envops closes).
      ctx.event(reason, Reason.EventType.WARNING, message);
      closing.ifPresent(c -> ctx.event(c.reason(), c.message()));
    }
    ctx.condition(ConditionType.SCHEMA_PROMOTED, false, reason, message);
    ctx.notReady(Phase.Failed, reason, message);
    return StepResult.requeue(config.resyncPeriod());
  }

  /** What closing a failed deploy request came to, as the event that tells it. */
  private record Closing(Reason reason, String message) {}

  /** Closes the request; only a failure worth another try (throttled, 5xx, no answer) is thrown. */
  private Closing closeQuietly(ServiceToken token, DatabaseSpec db, DeployRequest request) {
    try {
      planetScale.close(token, db.getOrganization(), db.getName(), request.number());
      return new Closing(
          Reason.DEPLOY_REQUEST_CLOSED, "closed failed deploy request #" + request.number());
    } catch (PlanetScaleException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return new Closing(
          Reason.DEPLOY_REQUEST_NOT_CLOSED,
          "could not close failed deploy request #" + request.number() + ": " + e.getMessage());
    }
  }

  /** PlanetScale answers a missing token access with 404: name the access the call needs. */
  private StepResult accessDenied(
      RolloutContext ctx, ServiceToken token, DatabaseSpec db, PlanetScaleException e) {
    String where = db.getOrganization() + "/" + db.getName();
    String message =
        e.isNotFound()
            ? "PlanetScale answered 404 not_found to "
                + e.call().action()
                + " on "
                + where
                + ": either that does not exist, or service token "
                + token.id()
                + " lacks the "
                + e.call().access()
                + " access (PlanetScale answers a missing access with 404)"
            : "service token "
                + token.id()
                + " was refused ("
                + e.status()
                + " "
                + e.code()
                + ") for "
                + e.call().action()
                + " on "
                + where
                + "; it needs the "
                + e.call().access()
                + " access";
    ctx.schemaWarningOnce(Phase.PromotingSchema, Reason.PLANETSCALE_ACCESS_DENIED, message);
    return StepResult.requeue(config.slowRetry());
  }

  private StepResult promoted(RolloutContext ctx, DeployRequestStatus request) {
    boolean noChanges = DeploymentState.of(request.getState()) == DeploymentState.NO_CHANGES;
    String message =
        noChanges
            ? "no schema changes to promote (deploy request #" + request.getNumber() + " closed)"
            : "deploy request #"
                + request.getNumber()
                + " is "
                + request.getState()
                + " ("
                + request.getUrl()
                + ")";
    Reason reason = noChanges ? Reason.NO_SCHEMA_CHANGES : Reason.DEPLOY_REQUEST_COMPLETE;
    if (ctx.condition(ConditionType.SCHEMA_PROMOTED, true, reason, message)) {
      metrics.deployRequest(noChanges ? "no_changes" : "complete");
      ctx.event(Reason.SCHEMA_PROMOTED, message);
    }
    return StepResult.proceed();
  }

  private static boolean isPromoted(DeployRequestStatus recorded) {
    DeploymentState state = DeploymentState.of(recorded.getState());
    return state == DeploymentState.COMPLETE
        || state == DeploymentState.NO_CHANGES && "closed".equals(recorded.getRequestState());
  }

  private static String name(DeployRequest request) {
    return "deploy request #" + request.number() + " (" + request.htmlUrl() + ")";
  }

  private static String lintSummary(DeployRequest request) {
    return request.lintErrors().isEmpty()
        ? "PlanetScale reports it not deployable"
        : String.join("; ", request.lintErrors());
  }

  private static String failureMessage(DeployRequestStatus recorded) {
    String request = "deploy request #" + recorded.getNumber() + " (" + recorded.getUrl() + ")";
    if (Reason.SCHEMA_REVERTED.wire().equals(recorded.getFailureReason())) {
      return request
          + " was reverted in PlanetScale: "
          + "the schema this image was promoted with is gone. Set spec.image.tag back to the"
          + " image that ran before, or push a new tag to promote again.";
    }
    return request
        + " failed ("
        + recorded.getFailureReason()
        + "; PlanetScale state now "
        + recorded.getState()
        + (AFTER.equals(recorded.getOrder())
            ? "); the app rolled out first and serves with the previous schema."
            : "); the app was not rolled out.")
        + " Push a new image tag to try again.";
  }
}
