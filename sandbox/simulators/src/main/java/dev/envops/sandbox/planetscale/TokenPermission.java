package dev.envops.sandbox.planetscale;

/** A service-token access, named as PlanetScale names it on the token's permission page. */
public enum TokenPermission {
  READ_DEPLOY_REQUEST("read_deploy_request"),
  CREATE_DEPLOY_REQUEST("create_deploy_request"),
  APPROVE_DEPLOY_REQUEST("approve_deploy_request"),
  DEPLOY_DEPLOY_REQUEST("deploy_deploy_request"),
  READ_BRANCH("read_branch");

  private final String apiName;

  TokenPermission(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }
}
