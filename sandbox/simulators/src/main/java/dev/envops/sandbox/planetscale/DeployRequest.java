package dev.envops.sandbox.planetscale;

import dev.envops.sandbox.planetscale.schema.SchemaChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One deploy request and its deployment, as the simulator tracks it. Mutable; every access holds
 * the monitor of the {@link SimulatedDatabase} that owns it.
 */
final class DeployRequest {

  final String id;
  final String deploymentId;
  final long number;
  final String branch;
  final String intoBranch;
  final String notes;
  final String actorTokenId;
  final Instant createdAt;

  boolean open = true;
  DeployState deploymentState = DeployState.PENDING;
  boolean approved;
  boolean autoCutover;
  boolean instantDdl;
  boolean deployable;
  List<String> lintErrors = List.of();
  List<SchemaChange> changes = List.of();
  final List<Review> reviews = new ArrayList<>();
  final List<DeployState> history = new ArrayList<>(List.of(DeployState.PENDING));
  String errorMessage;
  String closedByTokenId;
  String deployActorTokenId;
  String cutoverActorTokenId;
  String cancelledActorTokenId;
  String revertActorTokenId;
  DeployState forcedOutcome;

  /** A failed deploy or revert holds the queue until complete-deploy (closing does not free it). */
  boolean blocksQueue;

  /** The DDL that undoes this request's deploy, computed at cut-over (for revert). */
  List<SchemaChange> revertChanges = List.of();

  Instant updatedAt;
  Instant closedAt;
  Instant deployedAt;
  Instant queuedAt;
  Instant startedAt;
  Instant submittedAt;
  Instant readyToCutoverAt;
  Instant cutoverAt;
  Instant finishedAt;
  Instant schemaCheckedAt;

  /** When the current timed phase ends; {@code null} while waiting on a caller or finished. */
  Instant phaseEndsAt;

  /** A review left on the request. */
  record Review(String id, String state, String body, String tokenId, Instant createdAt) {}

  DeployRequest(
      String id,
      String deploymentId,
      long number,
      String branch,
      String intoBranch,
      String notes,
      String actorTokenId,
      boolean autoCutover,
      Instant now) {
    this.id = id;
    this.deploymentId = deploymentId;
    this.number = number;
    this.branch = branch;
    this.intoBranch = intoBranch;
    this.notes = notes;
    this.actorTokenId = actorTokenId;
    this.autoCutover = autoCutover;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void moveTo(DeployState state, Instant now, Instant phaseEnd) {
    if (state != deploymentState) {
      history.add(state);
    }
    deploymentState = state;
    phaseEndsAt = phaseEnd;
    updatedAt = now;
  }

  void finish(DeployState state, Instant now) {
    moveTo(state, now, null);
    finishedAt = now;
  }

  void close(String tokenId, Instant now) {
    open = false;
    closedAt = now;
    closedByTokenId = tokenId;
    updatedAt = now;
  }
}
