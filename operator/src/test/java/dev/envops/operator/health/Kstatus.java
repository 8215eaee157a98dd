package dev.envops.operator.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The kstatus rules for a custom resource, as Flux ({@code wait: true}, {@code healthChecks}) and
 * kpt compute them: a small Java reading of kubernetes-sigs/cli-utils {@code
 * pkg/kstatus/status/generic.go} ({@code checkGenericProperties}, {@code checkGeneration}) and
 * {@code status.go} (the fallback on the {@code Ready} condition for types without legacy rules).
 */
final class Kstatus {

  /** kstatus' result values that matter here. */
  enum Status {
    IN_PROGRESS,
    FAILED,
    CURRENT,
    TERMINATING
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Kstatus() {}

  static Status compute(HasMetadata resource) {
    return compute((JsonNode) JSON.valueToTree(resource));
  }

  static Status compute(JsonNode obj) {
    if (!obj.path("metadata").path("deletionTimestamp").asText("").isEmpty()) {
      return Status.TERMINATING;
    }
    JsonNode generation = obj.path("metadata").path("generation");
    JsonNode observed = obj.path("status").path("observedGeneration");
    // checkGeneration: only when both are present.
    if (generation.isNumber() && observed.isNumber() && observed.asLong() != generation.asLong()) {
      return Status.IN_PROGRESS;
    }
    // The first True Reconciling or Stalled condition decides, in list order.
    for (JsonNode c : obj.path("status").path("conditions")) {
      if ("Reconciling".equals(c.path("type").asText())
          && "True".equals(c.path("status").asText())) {
        return Status.IN_PROGRESS;
      }
      if ("Stalled".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
        return Status.FAILED;
      }
    }
    for (JsonNode c : obj.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText()) ? Status.CURRENT : Status.IN_PROGRESS;
      }
    }
    return Status.CURRENT;
  }
}
