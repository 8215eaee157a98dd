package dev.envops.sandbox.planetscale;

import java.util.List;
import java.util.Optional;

/** Maps a method and a path under {@code /v1} to an operation and its path parameters. */
final class ApiRoutes {

  /** A resolved route: the operation and the path parameters it acts on. */
  record Route(Operation operation, String organization, String database, String resource) {}

  private ApiRoutes() {}

  /**
   * The route for {@code method} and {@code segments} (the path split on '/', after {@code v1}).
   */
  static Optional<Route> resolve(String method, List<String> segments) {
    if (segments.size() < 5
        || !segments.get(0).equals("organizations")
        || !segments.get(2).equals("databases")) {
      return Optional.empty();
    }
    String org = segments.get(1);
    String db = segments.get(3);
    List<String> rest = segments.subList(4, segments.size());
    Operation operation = operation(method, rest);
    if (operation == null) {
      return Optional.empty();
    }
    return Optional.of(new Route(operation, org, db, rest.size() > 1 ? rest.get(1) : null));
  }

  private static Operation operation(String method, List<String> rest) {
    String collection = rest.get(0);
    if (collection.equals("deploy-requests")) {
      return switch (rest.size()) {
        case 1 ->
            switch (method) {
              case "GET" -> Operation.LIST_DEPLOY_REQUESTS;
              case "POST" -> Operation.CREATE_DEPLOY_REQUEST;
              default -> null;
            };
        case 2 ->
            switch (method) {
              case "GET" -> Operation.GET_DEPLOY_REQUEST;
              case "PATCH" -> Operation.CLOSE_DEPLOY_REQUEST;
              default -> null;
            };
        case 3 -> action(method, rest.get(2));
        default -> null;
      };
    }
    if (collection.equals("deploy-queue") && rest.size() == 1 && method.equals("GET")) {
      return Operation.GET_DEPLOY_QUEUE;
    }
    if (collection.equals("branches") && method.equals("GET")) {
      return switch (rest.size()) {
        case 1 -> Operation.LIST_BRANCHES;
        case 2 -> Operation.GET_BRANCH;
        default -> null;
      };
    }
    return null;
  }

  private static Operation action(String method, String action) {
    return switch (method + " " + action) {
      case "POST deploy" -> Operation.QUEUE_DEPLOY_REQUEST;
      case "POST apply-deploy" -> Operation.APPLY_DEPLOY_REQUEST;
      case "POST cancel" -> Operation.CANCEL_DEPLOY_REQUEST;
      case "POST skip-revert" -> Operation.SKIP_REVERT_PERIOD;
      case "POST revert" -> Operation.REVERT_DEPLOY_REQUEST;
      case "POST complete-deploy" -> Operation.COMPLETE_DEPLOY;
      case "POST reviews" -> Operation.REVIEW_DEPLOY_REQUEST;
      case "PUT auto-apply" -> Operation.UPDATE_AUTO_APPLY;
      case "GET deployment" -> Operation.GET_DEPLOYMENT;
      case "GET operations" -> Operation.LIST_DEPLOY_OPERATIONS;
      case "GET diff" -> Operation.GET_DEPLOY_REQUEST_DIFF;
      default -> null;
    };
  }
}
