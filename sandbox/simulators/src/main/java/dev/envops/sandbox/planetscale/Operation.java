package dev.envops.sandbox.planetscale;

import java.util.EnumSet;
import java.util.Set;

/**
 * The API operations the simulator serves, named for call counters, with the service-token accesses
 * of which a caller needs at least one.
 */
public enum Operation {
  LIST_DEPLOY_REQUESTS("list_deploy_requests", TokenPermission.READ_DEPLOY_REQUEST),
  CREATE_DEPLOY_REQUEST("create_deploy_request", TokenPermission.CREATE_DEPLOY_REQUEST),
  GET_DEPLOY_REQUEST("get_deploy_request", TokenPermission.READ_DEPLOY_REQUEST),
  CLOSE_DEPLOY_REQUEST("close_deploy_request", TokenPermission.CREATE_DEPLOY_REQUEST),
  // PlanetScale's token accesses put every deploy action under create_deploy_request.
  QUEUE_DEPLOY_REQUEST("queue_deploy_request", TokenPermission.CREATE_DEPLOY_REQUEST),
  APPLY_DEPLOY_REQUEST("apply_deploy_request", TokenPermission.CREATE_DEPLOY_REQUEST),
  CANCEL_DEPLOY_REQUEST("cancel_deploy_request", TokenPermission.CREATE_DEPLOY_REQUEST),
  SKIP_REVERT_PERIOD("skip_revert_period", TokenPermission.CREATE_DEPLOY_REQUEST),
  REVERT_DEPLOY_REQUEST("revert_deploy_request", TokenPermission.CREATE_DEPLOY_REQUEST),
  COMPLETE_DEPLOY("complete_deploy", TokenPermission.CREATE_DEPLOY_REQUEST),
  UPDATE_AUTO_APPLY("update_auto_apply", TokenPermission.CREATE_DEPLOY_REQUEST),
  REVIEW_DEPLOY_REQUEST(
      "review_deploy_request",
      TokenPermission.APPROVE_DEPLOY_REQUEST,
      TokenPermission.REVIEW_DEPLOY_REQUEST),
  GET_DEPLOYMENT("get_deployment", TokenPermission.READ_DEPLOY_REQUEST),
  LIST_DEPLOY_OPERATIONS("list_deploy_operations", TokenPermission.READ_DEPLOY_REQUEST),
  GET_DEPLOY_REQUEST_DIFF("get_deploy_request_diff", TokenPermission.READ_DEPLOY_REQUEST),
  GET_DEPLOY_QUEUE("get_deploy_queue", TokenPermission.READ_DEPLOY_REQUEST),
  LIST_BRANCHES("list_branches", TokenPermission.READ_BRANCH),
  GET_BRANCH("get_branch", TokenPermission.READ_BRANCH);

  private final String apiName;
  private final Set<TokenPermission> anyOf;

  Operation(String apiName, TokenPermission first, TokenPermission... rest) {
    this.apiName = apiName;
    this.anyOf = EnumSet.of(first, rest);
  }

  /** The name used by {@code PlanetScaleSimulator.callCount(String)}. */
  public String apiName() {
    return apiName;
  }

  boolean allowedFor(Set<TokenPermission> permissions) {
    return anyOf.stream().anyMatch(permissions::contains);
  }
}
