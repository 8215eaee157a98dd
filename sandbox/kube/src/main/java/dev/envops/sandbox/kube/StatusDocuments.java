package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code v1 Status} bodies, the error shape kubectl prints as "Error from server (Reason)". */
final class StatusDocuments {

  private StatusDocuments() {}

  static ObjectNode failure(int code, String reason, String message) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return status;
  }

  static ObjectNode notFound(ApiPath path) {
    String resource = path.group().isEmpty() ? path.plural() : path.plural() + "." + path.group();
    ObjectNode status = failure(404, "NotFound", resource + " \"" + path.name() + "\" not found");
    ObjectNode details = status.putObject("details");
    details.put("name", path.name());
    details.put("group", path.group());
    details.put("kind", path.plural());
    return status;
  }
}
