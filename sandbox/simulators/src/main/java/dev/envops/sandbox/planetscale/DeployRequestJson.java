package dev.envops.sandbox.planetscale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.sandbox.planetscale.schema.SchemaChange;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Renders deploy requests, deployments, reviews and branches in the shapes PlanetScale answers. */
final class DeployRequestJson {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

  private final ObjectMapper mapper;

  DeployRequestJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode deployRequest(SimulatedDatabase db, DeployRequest request) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", request.id);
    node.put("type", "DeployRequest");
    node.put("number", request.number);
    node.put("branch", request.branch);
    Branch branch = db.branches.get(request.branch);
    node.put("branch_id", branch == null ? null : branch.id());
    node.put("branch_deleted", branch == null);
    node.putNull("branch_deleted_by");
    node.put("into_branch", request.intoBranch);
    node.put("approved", request.approved);
    node.put("state", request.open ? "open" : "closed");
    node.put("deployment_state", request.deploymentState.wireName());
    node.set("deployment", deployment(db, request));
    node.put("html_url", db.htmlUrl(request.number));
    node.put("notes", request.notes);
    node.put("html_body", "");
    node.put("num_comments", request.reviews.size());
    node.set("actor", actor(request.actorTokenId));
    node.set("closed_by", actor(request.closedByTokenId));
    timestamp(node, "created_at", request.createdAt);
    timestamp(node, "updated_at", request.updatedAt);
    timestamp(node, "closed_at", request.closedAt);
    timestamp(node, "deployed_at", request.deployedAt);
    return node;
  }

  ObjectNode deployment(SimulatedDatabase db, DeployRequest request) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", request.deploymentId);
    node.put("type", "Deployment");
    node.put("state", request.deploymentState.wireName());
    node.put("deploy_request_number", request.number);
    node.put("into_branch", request.intoBranch);
    node.put("deployable", request.deployable);
    node.put("auto_cutover", request.autoCutover);
    node.put("auto_delete_branch", false);
    node.put("instant_ddl", request.instantDdl);
    node.put("instant_ddl_eligible", false);
    node.put("cutover_expiring", false);
    DeployRequest blocker = blockerOf(db);
    node.put("queue_paused", blocker != null);
    if (blocker == null) {
      node.putNull("queue_pause_reason");
    } else {
      node.put(
          "queue_pause_reason",
          "Deploy request #" + blocker.number + " ended in " + blocker.deploymentState.wireName());
    }
    node.put("table_locked", false);
    node.putNull("deployment_revert_request");
    node.putNull("force_cutover_requested_at");
    ArrayNode lintErrors = node.putArray("lint_errors");
    for (String lintError : request.lintErrors) {
      ObjectNode error = lintErrors.addObject();
      int colon = lintError.indexOf(": ");
      boolean coded = colon > 0 && lintError.substring(0, colon).matches("[A-Z_]+");
      error.put("lint_error", coded ? lintError.substring(0, colon) : lintError);
      error.put("keyspace_name", db.name);
      error.put("table_name", "");
      error.put("subject_type", "table");
      error.put("error_description", coded ? lintError.substring(colon + 2) : lintError);
      error.put("docs_url", "https://planetscale.com/docs/reference/deploy-requests");
    }
    if (request.errorMessage == null) {
      node.putNull("deploy_check_errors");
    } else {
      node.put("deploy_check_errors", request.errorMessage);
    }
    ArrayNode preceding = node.putArray("preceding_deployments");
    if (request.deploymentState == DeployState.QUEUED) {
      for (DeployRequest other : db.deployRequests.values()) {
        if (other != request && precedes(other, request)) {
          preceding.add(queuedDeployment(other));
        }
      }
    }
    node.set("deploy_operations", operations(request));
    node.set("actor", actor(request.deployActorTokenId));
    node.set("cutover_actor", actor(request.cutoverActorTokenId));
    node.set("cancelled_actor", actor(request.cancelledActorTokenId));
    timestamp(node, "created_at", request.createdAt);
    timestamp(node, "updated_at", request.updatedAt);
    timestamp(node, "queued_at", request.queuedAt);
    timestamp(node, "started_at", request.startedAt);
    timestamp(node, "submitted_at", request.submittedAt);
    timestamp(node, "ready_to_cutover_at", request.readyToCutoverAt);
    timestamp(node, "cutover_at", request.cutoverAt);
    timestamp(node, "finished_at", request.finishedAt);
    return node;
  }

  ArrayNode operations(DeployRequest request) {
    ArrayNode operations = mapper.createArrayNode();
    String state = operationState(request.deploymentState);
    List<SchemaChange> changes = request.changes;
    for (int i = 0; i < changes.size(); i++) {
      SchemaChange change = changes.get(i);
      ObjectNode op = operations.addObject();
      op.put("id", request.deploymentId + "-" + (i + 1));
      op.put("type", "DeployOperation");
      op.put("state", state);
      op.put("keyspace_name", "");
      op.put("table_name", change.table());
      op.put("operation_name", change.kind().name());
      op.put("ddl_statement", change.ddl());
      op.put("can_drop_data", canDropData(change));
      op.put("eta_seconds", 0);
      op.put("progress_percentage", "complete".equals(state) ? 100 : 0);
      timestamp(op, "created_at", request.createdAt);
      timestamp(op, "updated_at", request.updatedAt);
    }
    return operations;
  }

  /** Whether running the statement loses stored data: a dropped table or column. */
  private static boolean canDropData(SchemaChange change) {
    return change.kind() == SchemaChange.Kind.DROP
        || change.ddl().toUpperCase(java.util.Locale.ROOT).contains("DROP COLUMN");
  }

  ObjectNode diff(DeployRequest request) {
    ObjectNode node = mapper.createObjectNode();
    ArrayNode data = node.putArray("data");
    for (SchemaChange change : request.changes) {
      ObjectNode entry = data.addObject();
      entry.put("name", change.table());
      entry.put("raw", change.ddl());
      entry.put("html", change.ddl());
    }
    return node;
  }

  ObjectNode review(DeployRequest.Review review) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", review.id());
    node.put("type", "DeployRequestReview");
    node.put("body", review.body());
    node.put("html_body", review.body());
    node.put("state", review.state());
    node.set("actor", actor(review.tokenId()));
    timestamp(node, "created_at", review.createdAt());
    timestamp(node, "updated_at", review.createdAt());
    return node;
  }

  ObjectNode branch(SimulatedDatabase db, Branch branch) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", branch.id());
    node.put("type", "Branch");
    node.put("name", branch.name());
    node.put("parent_branch", branch.parentBranch());
    node.put("production", branch.production());
    node.put("ready", true);
    node.put("schema_ready", true);
    node.put("safe_migrations", branch.production());
    node.put("state", "ready");
    node.put("kind", "mysql");
    node.put("sharded", false);
    node.put("shard_count", 1);
    node.put("deletion_protected", false);
    node.put("stale_schema", false);
    node.put(
        "html_url",
        "https://app.planetscale.com/" + db.organization + "/" + db.name + "/" + branch.name());
    node.put(
        "url",
        "https://api.planetscale.com/v1/organizations/"
            + db.organization
            + "/databases/"
            + db.name
            + "/branches/"
            + branch.name());
    ObjectNode region = node.putObject("region");
    region.put("slug", "us-east");
    region.put("display_name", "AWS us-east-1");
    timestamp(node, "created_at", branch.createdAt());
    timestamp(node, "updated_at", branch.createdAt());
    timestamp(node, "schema_last_updated_at", branch.createdAt());
    return node;
  }

  /**
   * The database's deploy queue: what runs or blocks it (a failed deploy or revert not yet
   * completed) first, then what waits, oldest first.
   */
  List<ObjectNode> deployQueue(SimulatedDatabase db) {
    List<ObjectNode> queue = new java.util.ArrayList<>();
    for (DeployRequest request : db.deployRequests.values()) {
      if (request.blocksQueue || request.deploymentState.holdsQueue()) {
        queue.add(queuedDeployment(request));
      }
    }
    db.queued().forEach(request -> queue.add(queuedDeployment(request)));
    return queue;
  }

  /** A page of a list response, in PlanetScale's pagination envelope. */
  ObjectNode page(List<ObjectNode> all, int page, int perPage, String path) {
    ObjectNode node = mapper.createObjectNode();
    int from = Math.min(all.size(), (page - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    boolean hasNext = to < all.size();
    node.put("type", "list");
    node.put("current_page", page);
    node.put("per_page", perPage);
    node.put("total_count", all.size());
    node.put("total_pages", Math.max(1, (all.size() + perPage - 1) / perPage));
    if (hasNext) {
      node.put("next_page", page + 1);
      node.put("next_page_url", path + "?page=" + (page + 1) + "&per_page=" + perPage);
    } else {
      node.putNull("next_page");
      node.putNull("next_page_url");
    }
    if (page > 1) {
      node.put("prev_page", page - 1);
      node.put("prev_page_url", path + "?page=" + (page - 1) + "&per_page=" + perPage);
    } else {
      node.putNull("prev_page");
      node.putNull("prev_page_url");
    }
    node.putArray("data").addAll(all.subList(from, to));
    return node;
  }

  ObjectNode error(String code, String message) {
    ObjectNode node = mapper.createObjectNode();
    node.put("code", code);
    node.put("message", message);
    return node;
  }

  private ObjectNode queuedDeployment(DeployRequest request) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", request.deploymentId);
    node.put("state", request.deploymentState.wireName());
    node.put("deploy_request_number", request.number);
    node.put("into_branch", request.intoBranch);
    node.set("actor", actor(request.deployActorTokenId));
    timestamp(node, "created_at", request.createdAt);
    timestamp(node, "updated_at", request.updatedAt);
    timestamp(node, "started_at", request.startedAt);
    timestamp(node, "queued_at", request.queuedAt);
    timestamp(node, "finished_at", request.finishedAt);
    return node;
  }

  private static DeployRequest blockerOf(SimulatedDatabase db) {
    return db.deployRequests.values().stream().filter(r -> r.blocksQueue).findFirst().orElse(null);
  }

  private static boolean precedes(DeployRequest other, DeployRequest queued) {
    if (other.blocksQueue || other.deploymentState.holdsQueue()) {
      return true;
    }
    return other.deploymentState == DeployState.QUEUED && other.queuedAt.isBefore(queued.queuedAt);
  }

  private static String operationState(DeployState state) {
    return switch (state) {
      case PENDING, READY, NO_CHANGES -> "pending";
      case QUEUED -> "queued";
      case SUBMITTING, IN_PROGRESS, IN_PROGRESS_VSCHEMA, PENDING_CUTOVER, IN_PROGRESS_CUTOVER ->
          "in_progress";
      case COMPLETE,
          COMPLETE_PENDING_REVERT,
          IN_PROGRESS_REVERT,
          IN_PROGRESS_REVERT_VSCHEMA,
          COMPLETE_REVERT,
          COMPLETE_REVERT_ERROR ->
          "complete";
      case IN_PROGRESS_CANCEL, COMPLETE_CANCEL, CANCELLED -> "cancelled";
      case COMPLETE_ERROR, ERROR -> "error";
    };
  }

  private ObjectNode actor(String tokenId) {
    if (tokenId == null) {
      return null;
    }
    ObjectNode node = mapper.createObjectNode();
    node.put("id", tokenId);
    node.put("type", "ServiceToken");
    node.put("display_name", "Service token " + tokenId);
    node.putNull("avatar_url");
    return node;
  }

  private static void timestamp(ObjectNode node, String field, Instant value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, TIMESTAMP.format(value.truncatedTo(ChronoUnit.MILLIS)));
    }
  }
}
