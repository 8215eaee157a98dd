package dev.envops.operator.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * When {@code kubectl wait --for=condition=TYPE} is satisfied (kubectl's {@code ConditionalWait}):
 * the condition has status True and its own {@code observedGeneration}, else the top-level {@code
 * status.observedGeneration}, is not below {@code metadata.generation}.
 */
final class KubectlWait {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KubectlWait() {}

  static boolean satisfied(HasMetadata resource, String type) {
    JsonNode obj = JSON.valueToTree(resource);
    long generation = obj.path("metadata").path("generation").asLong(0);
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (!type.equals(c.path("type").asText())) {
        continue;
      }
      JsonNode observed = c.path("observedGeneration");
      if (!observed.isNumber()) {
        observed = obj.path("status").path("observedGeneration");
      }
      if (observed.isNumber() && observed.asLong() < generation) {
        return false;
      }
      return "True".equals(c.path("status").asText());
    }
    return false;
  }
}
