package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** A gate in front of the rollout: the image must have been Ready elsewhere first. */
public class PromotionSpec {

  @Pattern(KubernetesNames.OBJECT_NAME_PATTERN)
  @Size(max = KubernetesNames.OBJECT_NAME_MAX)
  @JsonPropertyDescription(
      "Name of an Environment (same namespace) where this image must have been Ready first.")
  private String requireReadyIn;

  @Size(max = 256)
  @JsonPropertyDescription(
      "Emergency override: while set, any image rolls out without the requireReadyIn check. Give"
          + " the reason (an incident id); it is recorded in status.history and a Warning Event."
          + " Remove it once the emergency is over.")
  private String emergencyOverride;

  public String getEmergencyOverride() {
    return emergencyOverride;
  }

  public void setEmergencyOverride(String emergencyOverride) {
    this.emergencyOverride = emergencyOverride;
  }

  public String getRequireReadyIn() {
    return requireReadyIn;
  }

  public void setRequireReadyIn(String requireReadyIn) {
    this.requireReadyIn = requireReadyIn;
  }
}
