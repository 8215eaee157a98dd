package dev.envops.sandbox.planetscale;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One parsed API request: the operation, its path parameters, query, body and caller. */
record ApiCall(
    Operation operation,
    String organization,
    String database,
    String resource,
    Map<String, String> query,
    JsonNode body,
    ServiceTokens.Caller caller) {

  /** The deploy request number from the path. */
  long number() {
    try {
      return Long.parseLong(resource);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("Deploy request " + resource + " was not found");
    }
  }

  String bodyText(String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  Boolean bodyBoolean(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiException.invalidParams(field + " must be a boolean");
    }
    return value.booleanValue();
  }

  int queryInt(String name, int fallback) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 1) {
        throw ApiException.invalidParams(name + " must be a positive integer");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ApiException.invalidParams(name + " must be a positive integer");
    }
  }
}
