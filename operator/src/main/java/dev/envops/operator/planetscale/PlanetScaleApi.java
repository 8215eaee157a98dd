package dev.envops.operator.planetscale;

import java.util.Locale;

/**
 * The PlanetScale calls envops makes, each with the service-token access it needs. PlanetScale
 * answers a call the token lacks the access for with 404 {@code not_found}, so a 404 names the
 * access rather than only "not found".
 */
public enum PlanetScaleApi {
  LIST_DEPLOY_REQUESTS("list deploy requests", "read_deploy_request"),
  GET_DEPLOY_REQUEST("get deploy request", "read_deploy_request"),
  GET_DEPLOY_QUEUE("get deploy queue", "read_deploy_request"),
  CREATE_DEPLOY_REQUEST("create deploy request", "create_deploy_request"),
  CLOSE_DEPLOY_REQUEST("close deploy request", "create_deploy_request"),
  DEPLOY("deploy", "create_deploy_request"),
  APPLY_DEPLOY("apply-deploy", "create_deploy_request"),
  SKIP_REVERT("skip-revert", "create_deploy_request"),
  REVERT("revert", "create_deploy_request"),
  COMPLETE_DEPLOY("complete-deploy (unblock)", "create_deploy_request"),
  REVIEW("review", "approve_deploy_request or review_deploy_request");

  private final String action;
  private final String access;

  PlanetScaleApi(String action, String access) {
    this.action = action;
    this.access = access;
  }

  /** The call's name in an API: {@code create_deploy_request}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the call does, as the CLI names it. */
  public String action() {
    return action;
  }

  /** The service-token access the call needs. */
  public String access() {
    return access;
  }
}
