package dev.envops.operator.planetscale;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the deploy-request JSON PlanetScale answers into a {@link DeployRequest}. */
final class DeployRequestJson {

  private DeployRequestJson() {}

  static DeployRequest read(JsonNode node) {
    JsonNode deployment = node.path("deployment");
    String deploymentState = text(node, "deployment_state");
    if (deploymentState == null) {
      deploymentState = text(deployment, "state");
    }
    List<String> lintErrors = new ArrayList<>();
    for (JsonNode lint : deployment.path("lint_errors")) {
      String code = text(lint, "lint_error");
      String description = text(lint, "error_description");
      lintErrors.add(
          code == null
              ? (description == null ? "lint error" : description)
              : description == null || description.equals(code) ? code : code + ": " + description);
    }
    List<DeployRequest.QueuedDeployment> preceding = new ArrayList<>();
    for (JsonNode queued : deployment.path("preceding_deployments")) {
      preceding.add(queuedDeployment(queued));
    }
    List<DeployRequest.DeployOperation> operations = new ArrayList<>();
    for (JsonNode op : deployment.path("deploy_operations")) {
      String ddl = text(op, "ddl_statement");
      if (ddl != null) {
        operations.add(
            new DeployRequest.DeployOperation(
                text(op, "table_name"), ddl, op.path("can_drop_data").asBoolean(false)));
      }
    }
    return new DeployRequest(
        node.path("number").asLong(),
        text(node, "branch"),
        text(node, "into_branch"),
        text(node, "state"),
        deploymentState,
        node.path("approved").asBoolean(false),
        deployment.path("deployable").asBoolean(false),
        List.copyOf(lintErrors),
        text(node, "html_url"),
        text(node, "notes"),
        text(node, "deployed_at"),
        deployment.path("auto_cutover").asBoolean(true),
        List.copyOf(preceding),
        List.copyOf(operations));
  }

  static DeployRequest.QueuedDeployment queuedDeployment(JsonNode node) {
    return new DeployRequest.QueuedDeployment(
        node.path("deploy_request_number").asLong(), text(node, "state"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
