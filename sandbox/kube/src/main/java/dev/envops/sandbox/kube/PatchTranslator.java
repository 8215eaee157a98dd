package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the patch types the mock rejects (415) into a JSON merge patch it accepts: strategic merge
 * patches lose their {@code $}-directives, server-side-apply YAML becomes JSON.
 */
final class PatchTranslator {

  static final String MERGE = "application/merge-patch+json";
  static final String JSON_PATCH = "application/json-patch+json";
  static final String STRATEGIC = "application/strategic-merge-patch+json";
  static final String APPLY = "application/apply-patch+yaml";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private PatchTranslator() {}

  static boolean isApply(String contentType) {
    return contentType != null && contentType.startsWith(APPLY);
  }

  static boolean isStrategic(String contentType) {
    return contentType != null && contentType.startsWith(STRATEGIC);
  }

  /** A strategic merge patch as a merge patch: list-merge directives are dropped. */
  static byte[] strategicToMerge(byte[] body) {
    try {
      JsonNode patch = JSON.readTree(body);
      stripDirectives(patch);
      return JSON.writeValueAsBytes(patch);
    } catch (IOException e) {
      throw new UncheckedIOException("invalid strategic merge patch", e);
    }
  }

  /** The applied configuration (YAML or JSON) as JSON. */
  static byte[] applyToJson(byte[] body) {
    try {
      return JSON.writeValueAsBytes(YAML.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException("invalid apply configuration", e);
    }
  }

  private static void stripDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> directives = new ArrayList<>();
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (name.startsWith("$")) {
                  directives.add(name);
                }
              });
      object.remove(directives);
      object.elements().forEachRemaining(PatchTranslator::stripDirectives);
    } else if (node instanceof ArrayNode array) {
      array.elements().forEachRemaining(PatchTranslator::stripDirectives);
    }
  }
}
