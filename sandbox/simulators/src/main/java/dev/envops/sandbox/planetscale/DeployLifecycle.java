package dev.envops.sandbox.planetscale;

import dev.envops.sandbox.planetscale.schema.SchemaChange;
import dev.envops.sandbox.planetscale.schema.SchemaDiff;
import dev.envops.sandbox.planetscale.schema.SchemaSnapshot;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy request state machine: the transitions callers ask for (deploy, apply, cancel,
 * skip-revert, revert, complete-deploy, close) and the ones time brings ({@link
 * #advance(SimulatedDatabase)}, called by a scheduler). Every method expects the caller to hold the
 * database's monitor.
 */
final class DeployLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DeployLifecycle.class);

  private final MariaDbBranches branches;
  private final DeployTimings timings;
  private final Clock clock;

  DeployLifecycle(MariaDbBranches branches, DeployTimings timings, Clock clock) {
    this.branches = branches;
    this.timings = timings;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  void opened(DeployRequest request) {
    Instant now = now();
    request.moveTo(DeployState.PENDING, now, now.plus(timings.pending()));
  }

  void deploy(SimulatedDatabase db, DeployRequest request, String tokenId, boolean instantDdl) {
    if (!request.open) {
      throw ApiException.unprocessable("Deploy request #" + request.number + " is closed");
    }
    if (request.deploymentState != DeployState.READY) {
      throw ApiException.unprocessable(
          "Deploy request #"
              + request.number
              + " cannot be deployed while its deployment is "
              + request.deploymentState.wireName());
    }
    if (!request.deployable) {
      throw ApiException.unprocessable(
          "Deploy request #" + request.number + " is not deployable: " + request.lintErrors);
    }
    if (db.requireApproval && !request.approved) {
      throw ApiException.unprocessable(
          "Deploy request #" + request.number + " must be approved before it can be deployed");
    }
    if (instantDdl) {
      throw ApiException.unprocessable(
          "Deploy request #" + request.number + " is not eligible for instant deployment");
    }
    Instant now = now();
    request.instantDdl = false;
    request.deployActorTokenId = tokenId;
    request.queuedAt = now;
    request.moveTo(DeployState.QUEUED, now, now.plus(timings.queued()));
    startNextIfFree(db);
  }

  void applyDeploy(SimulatedDatabase db, DeployRequest request, String tokenId) {
    if (request.deploymentState != DeployState.PENDING_CUTOVER) {
      throw ApiException.unprocessable(
          "Deploy request #"
              + request.number
              + " is not waiting for cutover (it is "
              + request.deploymentState.wireName()
              + ")");
    }
    Instant now = now();
    request.cutoverActorTokenId = tokenId;
    request.cutoverAt = now;
    request.moveTo(DeployState.IN_PROGRESS_CUTOVER, now, now.plus(timings.cutover()));
  }

  void setAutoCutover(DeployRequest request, boolean enable) {
    if (!request.open || isFinished(request.deploymentState)) {
      throw ApiException.unprocessable(
          "Deploy request #" + request.number + " can no longer change auto-apply");
    }
    request.autoCutover = enable;
    request.updatedAt = now();
  }

  void cancel(SimulatedDatabase db, DeployRequest request, String tokenId) {
    Instant now = now();
    switch (request.deploymentState) {
      case QUEUED -> {
        request.cancelledActorTokenId = tokenId;
        request.finish(DeployState.CANCELLED, now);
      }
      case SUBMITTING, IN_PROGRESS, PENDING_CUTOVER -> {
        request.cancelledActorTokenId = tokenId;
        request.moveTo(DeployState.IN_PROGRESS_CANCEL, now, now.plus(timings.cancel()));
      }
      default ->
          throw ApiException.unprocessable(
              "Deploy request #"
                  + request.number
                  + " has no deployment to cancel (it is "
                  + request.deploymentState.wireName()
                  + ")");
    }
    startNextIfFree(db);
  }

  void skipRevert(SimulatedDatabase db, DeployRequest request, String tokenId) {
    if (request.deploymentState != DeployState.COMPLETE_PENDING_REVERT) {
      throw ApiException.unprocessable(
          "Deploy request #" + request.number + " has no revert window open");
    }
    endRevertWindow(request, tokenId, now());
    startNextIfFree(db);
  }

  /** Starts undoing a deploy inside its revert window; the request ends {@code complete_revert}. */
  void revert(DeployRequest request, String tokenId) {
    if (request.deploymentState != DeployState.COMPLETE_PENDING_REVERT) {
      throw ApiException.unprocessable(
          "Deploy request #"
              + request.number
              + " cannot be reverted (it is "
              + request.deploymentState.wireName()
              + "; only a deploy inside its revert window can)");
    }
    Instant now = now();
    request.revertActorTokenId = tokenId;
    request.moveTo(DeployState.IN_PROGRESS_REVERT, now, now.plus(timings.revert()));
  }

  /**
   * {@code pscale deploy-request unblock}: marks a failed deploy or revert complete so the queue
   * can proceed. Allowed only from {@code complete_error} and {@code complete_revert_error}.
   */
  void completeDeploy(SimulatedDatabase db, DeployRequest request, String tokenId) {
    DeployState next =
        switch (request.deploymentState) {
          case COMPLETE_ERROR -> DeployState.COMPLETE;
          case COMPLETE_REVERT_ERROR -> DeployState.COMPLETE_REVERT;
          default ->
              throw ApiException.unprocessable(
                  "Deploy request #"
                      + request.number
                      + " is "
                      + request.deploymentState.wireName()
                      + "; only a complete_error or complete_revert_error deploy can be completed");
        };
    Instant now = now();
    request.blocksQueue = false;
    request.moveTo(next, now, null);
    // Assumed, not documented: a request marked complete is finished, like one past its window.
    request.close(tokenId, now);
    startNextIfFree(db);
  }

  void close(DeployRequest request, String tokenId) {
    if (!request.open) {
      return;
    }
    if (request.deploymentState == DeployState.COMPLETE_PENDING_REVERT
        || request.deploymentState == DeployState.IN_PROGRESS_REVERT) {
      throw ApiException.unprocessable(
          "Deploy request #"
              + request.number
              + " is deployed and in its revert window; skip the revert to finish it");
    }
    if (request.deploymentState.deploying()) {
      throw ApiException.unprocessable(
          "Deploy request #"
              + request.number
              + " cannot be closed while it is "
              + request.deploymentState.wireName());
    }
    request.close(tokenId, now());
  }

  /** Moves every request of {@code db} whose timed phase has ended, then starts a queued deploy. */
  void advance(SimulatedDatabase db) {
    Instant now = now();
    for (DeployRequest request : db.deployRequests.values()) {
      if (request.phaseEndsAt != null && !now.isBefore(request.phaseEndsAt)) {
        phaseEnded(db, request, now);
      } else if (dueForRecheck(request, now)) {
        recheckChanges(db, request, now);
      }
    }
    startNextIfFree(db);
  }

  private void phaseEnded(SimulatedDatabase db, DeployRequest request, Instant now) {
    switch (request.deploymentState) {
      case PENDING -> checkChanges(db, request, now);
      case QUEUED -> request.phaseEndsAt = null; // queued long enough; waits for the queue
      case SUBMITTING -> {
        if (request.forcedOutcome == DeployState.ERROR) {
          request.errorMessage = "Deployment failed while submitting (injected)";
          request.finish(DeployState.ERROR, now);
        } else {
          request.submittedAt = now;
          request.moveTo(DeployState.IN_PROGRESS, now, now.plus(timings.inProgress()));
        }
      }
      case IN_PROGRESS -> {
        if (request.forcedOutcome == DeployState.CANCELLED) {
          request.errorMessage = "Deployment was cancelled (injected)";
          request.finish(DeployState.CANCELLED, now);
        } else if (request.autoCutover) {
          request.readyToCutoverAt = now;
          request.cutoverAt = now;
          request.moveTo(DeployState.IN_PROGRESS_CUTOVER, now, now.plus(timings.cutover()));
        } else {
          request.readyToCutoverAt = now;
          request.moveTo(DeployState.PENDING_CUTOVER, now, null);
        }
      }
      case IN_PROGRESS_CUTOVER -> cutOver(db, request, now);
      case IN_PROGRESS_CANCEL -> request.finish(DeployState.COMPLETE_CANCEL, now);
      case COMPLETE_PENDING_REVERT -> endRevertWindow(request, request.deployActorTokenId, now);
      case IN_PROGRESS_REVERT -> revertSchema(db, request, now);
      default -> request.phaseEndsAt = null;
    }
  }

  private void checkChanges(SimulatedDatabase db, DeployRequest request, Instant now) {
    List<SchemaChange> changes = diff(db, request, now);
    if (changes == null) {
      return;
    }
    request.changes = changes;
    if (changes.isEmpty()) {
      request.deployable = false;
      request.moveTo(DeployState.NO_CHANGES, now, null);
      return;
    }
    List<String> lintErrors = db.forcedLintErrors.poll();
    request.lintErrors = lintErrors == null ? DeployChecks.lint(changes) : lintErrors;
    request.deployable = request.lintErrors.isEmpty();
    // A failed deploy check is the state error with lint_errors, never a non-deployable ready.
    request.moveTo(request.deployable ? DeployState.READY : DeployState.ERROR, now, null);
  }

  private void recheckChanges(SimulatedDatabase db, DeployRequest request, Instant now) {
    List<SchemaChange> changes = diff(db, request, now);
    if (changes == null || changes.equals(request.changes)) {
      return;
    }
    request.changes = changes;
    request.lintErrors = DeployChecks.lint(changes);
    request.deployable = !changes.isEmpty() && request.lintErrors.isEmpty();
    DeployState next =
        changes.isEmpty()
            ? DeployState.NO_CHANGES
            : request.deployable ? DeployState.READY : DeployState.ERROR;
    request.moveTo(next, now, null);
  }

  /** The changes from the request's branch into its target, or null after failing the request. */
  private List<SchemaChange> diff(SimulatedDatabase db, DeployRequest request, Instant now) {
    request.schemaCheckedAt = now;
    Branch source = db.branches.get(request.branch);
    Branch target = db.branches.get(request.intoBranch);
    if (source == null || target == null) {
      request.errorMessage = "A branch of this deploy request no longer exists";
      request.finish(DeployState.ERROR, now);
      return null;
    }
    try {
      return SchemaDiff.between(
          branches.snapshot(target.mariaDbDatabase()), branches.snapshot(source.mariaDbDatabase()));
    } catch (SQLException e) {
      LOG.warn("Schema diff failed for deploy request #{} of {}", request.number, db.name, e);
      request.errorMessage = "Schema diff failed: " + e.getMessage();
      request.finish(DeployState.ERROR, now);
      return null;
    }
  }

  private void cutOver(SimulatedDatabase db, DeployRequest request, Instant now) {
    if (request.forcedOutcome == DeployState.COMPLETE_ERROR) {
      failBlockingQueue(
          request, DeployState.COMPLETE_ERROR, "Deployment failed during cutover (injected)", now);
      return;
    }
    Branch target = db.branches.get(request.intoBranch);
    try {
      SchemaSnapshot before = branches.snapshot(target.mariaDbDatabase());
      branches.apply(target.mariaDbDatabase(), request.changes);
      request.revertChanges =
          SchemaDiff.between(branches.snapshot(target.mariaDbDatabase()), before);
    } catch (SQLException e) {
      LOG.info(
          "DDL of deploy request #{} of {} failed: {}", request.number, db.name, e.getMessage());
      failBlockingQueue(request, DeployState.COMPLETE_ERROR, e.getMessage(), now);
      return;
    }
    request.deployedAt = now;
    Duration window = timings.revertWindow();
    if (window.isZero() || window.isNegative()) {
      request.finish(DeployState.COMPLETE, now);
      request.close(request.deployActorTokenId, now);
    } else {
      // The request stays open (closed_at null) while the revert window is open.
      request.finishedAt = now;
      request.moveTo(DeployState.COMPLETE_PENDING_REVERT, now, now.plus(window));
    }
  }

  private void endRevertWindow(DeployRequest request, String tokenId, Instant now) {
    request.moveTo(DeployState.COMPLETE, now, null);
    request.close(tokenId, now);
  }

  private void revertSchema(SimulatedDatabase db, DeployRequest request, Instant now) {
    Branch target = db.branches.get(request.intoBranch);
    try {
      // Only the schema goes back: rows written meanwhile stay.
      branches.apply(target.mariaDbDatabase(), request.revertChanges);
    } catch (SQLException e) {
      LOG.info(
          "Revert of deploy request #{} of {} failed: {}", request.number, db.name, e.getMessage());
      failBlockingQueue(request, DeployState.COMPLETE_REVERT_ERROR, e.getMessage(), now);
      return;
    }
    request.finish(DeployState.COMPLETE_REVERT, now);
    request.close(request.revertActorTokenId, now);
  }

  /** "When a Vitess deploy or revert fails, PlanetScale blocks the queue as a precaution." */
  private static void failBlockingQueue(
      DeployRequest request, DeployState state, String message, Instant now) {
    request.errorMessage = message;
    request.blocksQueue = true;
    request.finish(state, now);
  }

  private void startNextIfFree(SimulatedDatabase db) {
    if (db.queueHeld()) {
      return;
    }
    List<DeployRequest> queue = db.queued();
    // The head waits until it has been queued for the configured minimum (phaseEndsAt cleared).
    if (queue.isEmpty() || queue.get(0).phaseEndsAt != null) {
      return;
    }
    DeployRequest next = queue.get(0);
    Instant now = now();
    next.forcedOutcome = db.forcedOutcomes.poll();
    next.startedAt = now;
    next.moveTo(DeployState.SUBMITTING, now, now.plus(timings.submitting()));
  }

  private boolean dueForRecheck(DeployRequest request, Instant now) {
    return request.open
        && (request.deploymentState == DeployState.READY
            || request.deploymentState == DeployState.NO_CHANGES)
        && request.schemaCheckedAt != null
        && !now.isBefore(request.schemaCheckedAt.plus(timings.schemaRecheck()));
  }

  private static boolean isFinished(DeployState state) {
    return switch (state) {
      case COMPLETE,
          COMPLETE_PENDING_REVERT,
          COMPLETE_CANCEL,
          COMPLETE_ERROR,
          COMPLETE_REVERT,
          COMPLETE_REVERT_ERROR,
          CANCELLED,
          ERROR ->
          true;
      default -> false;
    };
  }
}
