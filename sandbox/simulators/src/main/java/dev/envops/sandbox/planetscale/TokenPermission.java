package dev.envops.sandbox.planetscale;

/**
 * A service-token access, named as PlanetScale names it on the token's permission page. There is no
 * {@code deploy_deploy_request} token access (that is an OAuth scope only): deploying, applying,
 * cancelling, skipping or running a revert and unblocking the queue all need {@code
 * create_deploy_request}.
 */
public enum TokenPermission {
  READ_DEPLOY_REQUEST("read_deploy_request"),
  CREATE_DEPLOY_REQUEST("create_deploy_request"),
  APPROVE_DEPLOY_REQUEST("approve_deploy_request"),
  REVIEW_DEPLOY_REQUEST("review_deploy_request"),
  READ_BRANCH("read_branch");

  private final String apiName;

  TokenPermission(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }
}
