package dev.envops.sandbox.planetscale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Carries out API calls on the simulated databases; HTTP concerns stay in the handler. */
final class DeployRequestApi {

  private final Map<String, SimulatedDatabase> databases;
  private final DeployLifecycle lifecycle;
  private final DeployRequestJson json;

  DeployRequestApi(
      Map<String, SimulatedDatabase> databases, DeployLifecycle lifecycle, DeployRequestJson json) {
    this.databases = databases;
    this.lifecycle = lifecycle;
    this.json = json;
  }

  static String key(String organization, String database) {
    return organization + "/" + database;
  }

  ApiResponse execute(ApiCall call) {
    SimulatedDatabase db = databases.get(key(call.organization(), call.database()));
    if (db == null) {
      throw ApiException.notFound(
          "Database " + call.organization() + "/" + call.database() + " was not found");
    }
    synchronized (db) {
      return switch (call.operation()) {
        case LIST_DEPLOY_REQUESTS -> list(db, call);
        case CREATE_DEPLOY_REQUEST -> create(db, call);
        case GET_DEPLOY_REQUEST -> ApiResponse.ok(view(db, request(db, call)));
        case CLOSE_DEPLOY_REQUEST -> close(db, call);
        case QUEUE_DEPLOY_REQUEST -> {
          DeployRequest request = request(db, call);
          Boolean instant = call.bodyBoolean("instant_ddl");
          lifecycle.deploy(db, request, call.caller().tokenId(), instant != null && instant);
          yield ApiResponse.ok(view(db, request));
        }
        case APPLY_DEPLOY_REQUEST -> {
          DeployRequest request = request(db, call);
          lifecycle.applyDeploy(db, request, call.caller().tokenId());
          yield ApiResponse.ok(view(db, request));
        }
        case CANCEL_DEPLOY_REQUEST -> {
          DeployRequest request = request(db, call);
          lifecycle.cancel(db, request, call.caller().tokenId());
          yield ApiResponse.ok(view(db, request));
        }
        case SKIP_REVERT_PERIOD -> {
          DeployRequest request = request(db, call);
          lifecycle.skipRevert(db, request, call.caller().tokenId());
          yield ApiResponse.ok(view(db, request));
        }
        case REVERT_DEPLOY_REQUEST -> {
          DeployRequest request = request(db, call);
          lifecycle.revert(request, call.caller().tokenId());
          yield ApiResponse.ok(view(db, request));
        }
        case COMPLETE_DEPLOY -> {
          DeployRequest request = request(db, call);
          lifecycle.completeDeploy(db, request, call.caller().tokenId());
          yield ApiResponse.ok(view(db, request));
        }
        case GET_DEPLOY_QUEUE ->
            ApiResponse.ok(
                json.page(
                    json.deployQueue(db),
                    call.queryInt("page", 1),
                    call.queryInt("per_page", 25),
                    path(db) + "/deploy-queue"));
        case UPDATE_AUTO_APPLY -> {
          DeployRequest request = request(db, call);
          Boolean enable = call.bodyBoolean("enable");
          if (enable == null) {
            throw ApiException.invalidParams("enable is required");
          }
          lifecycle.setAutoCutover(request, enable);
          yield ApiResponse.ok(view(db, request));
        }
        case REVIEW_DEPLOY_REQUEST -> review(db, call);
        case GET_DEPLOYMENT -> ApiResponse.ok(json.deployment(db, request(db, call)));
        case LIST_DEPLOY_OPERATIONS -> {
          List<ObjectNode> operations = new ArrayList<>();
          json.operations(request(db, call)).forEach(op -> operations.add((ObjectNode) op));
          yield ApiResponse.ok(json.page(operations, 1, Math.max(1, operations.size()), path(db)));
        }
        case GET_DEPLOY_REQUEST_DIFF -> ApiResponse.ok(json.diff(request(db, call)));
        case LIST_BRANCHES -> {
          List<ObjectNode> all = new ArrayList<>();
          db.branches.values().forEach(b -> all.add(json.branch(db, b)));
          yield ApiResponse.ok(
              json.page(all, call.queryInt("page", 1), call.queryInt("per_page", 25), path(db)));
        }
        case GET_BRANCH -> ApiResponse.ok(json.branch(db, db.requireBranch(call.resource())));
      };
    }
  }

  private ApiResponse list(SimulatedDatabase db, ApiCall call) {
    String state = call.query().get("state");
    String branch = call.query().get("branch");
    String intoBranch = call.query().get("into_branch");
    if (state != null && !List.of("open", "closed", "deployed").contains(state)) {
      throw ApiException.invalidParams("state must be one of open, closed, deployed");
    }
    List<ObjectNode> matching = new ArrayList<>();
    List<DeployRequest> newestFirst = new ArrayList<>(db.deployRequests.values());
    newestFirst.sort((a, b) -> Long.compare(b.number, a.number));
    for (DeployRequest request : newestFirst) {
      boolean stateMatches =
          state == null
              || (state.equals("open") && request.open)
              || (state.equals("closed") && !request.open)
              || (state.equals("deployed") && request.deployedAt != null);
      if (stateMatches
          && (branch == null || branch.equals(request.branch))
          && (intoBranch == null || intoBranch.equals(request.intoBranch))) {
        matching.add(view(db, request));
      }
    }
    return ApiResponse.ok(
        json.page(
            matching,
            call.queryInt("page", 1),
            call.queryInt("per_page", 25),
            path(db) + "/deploy-requests"));
  }

  private ApiResponse create(SimulatedDatabase db, ApiCall call) {
    String branchName = call.bodyText("branch");
    if (branchName == null || branchName.isBlank()) {
      throw ApiException.invalidParams("branch is required");
    }
    Branch branch = db.requireBranch(branchName);
    String intoName = call.bodyText("into_branch");
    if (intoName == null || intoName.isBlank()) {
      // The CLI documents this default: the parent branch, else the default branch.
      intoName = branch.parentBranch() != null ? branch.parentBranch() : "main";
    }
    Branch into = db.requireBranch(intoName);
    if (intoName.equals(branchName)) {
      throw ApiException.unprocessable("A branch cannot be deployed into itself");
    }
    if (!into.production()) {
      throw ApiException.unprocessable(
          "Database branch " + intoName + " is not a production branch.");
    }
    for (DeployRequest existing : db.deployRequests.values()) {
      // A deployed request waiting out its revert window does not stop a new one.
      if (existing.open
          && existing.deployedAt == null
          && existing.branch.equals(branchName)
          && existing.intoBranch.equals(intoName)) {
        throw ApiException.unprocessable(
            "An open deploy request (#"
                + existing.number
                + ") already exists for "
                + branchName
                + " into "
                + intoName);
      }
    }
    Boolean autoCutover = call.bodyBoolean("auto_cutover");
    String notes = call.bodyText("notes");
    DeployRequest request =
        new DeployRequest(
            Ids.next(),
            Ids.next(),
            db.nextNumber(),
            branchName,
            intoName,
            notes == null ? "" : notes,
            call.caller().tokenId(),
            autoCutover != null ? autoCutover : !db.gatedCutover,
            lifecycle.now());
    db.deployRequests.put(request.number, request);
    lifecycle.opened(request);
    return ApiResponse.created(view(db, request));
  }

  private ApiResponse close(SimulatedDatabase db, ApiCall call) {
    DeployRequest request = request(db, call);
    String state = call.bodyText("state");
    if (!"closed".equals(state)) {
      throw ApiException.invalidParams("state must be \"closed\"");
    }
    lifecycle.close(request, call.caller().tokenId());
    return ApiResponse.ok(view(db, request));
  }

  private ApiResponse review(SimulatedDatabase db, ApiCall call) {
    DeployRequest request = request(db, call);
    String state = call.bodyText("state");
    if (!"approved".equals(state) && !"commented".equals(state)) {
      throw ApiException.invalidParams("state must be \"approved\" or \"commented\"");
    }
    if (state.equals("approved")) {
      if (call.caller().tokenId().equals(request.actorTokenId)) {
        throw ApiException.forbidden(
            "A service token cannot approve a deploy request that it created");
      }
      if (!request.open) {
        throw ApiException.unprocessable("Deploy request #" + request.number + " is closed");
      }
      request.approved = true;
    }
    String body = call.bodyText("body");
    DeployRequest.Review review =
        new DeployRequest.Review(
            Ids.next(), state, body == null ? "" : body, call.caller().tokenId(), lifecycle.now());
    request.reviews.add(review);
    request.updatedAt = review.createdAt();
    return ApiResponse.created(json.review(review));
  }

  private static DeployRequest request(SimulatedDatabase db, ApiCall call) {
    return db.requireDeployRequest(call.number());
  }

  private ObjectNode view(SimulatedDatabase db, DeployRequest request) {
    return json.deployRequest(db, request);
  }

  private static String path(SimulatedDatabase db) {
    return "/v1/organizations/" + db.organization + "/databases/" + db.name;
  }
}
