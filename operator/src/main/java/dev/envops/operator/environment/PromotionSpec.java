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

  public String getRequireReadyIn() {
    return requireReadyIn;
  }

  public void setRequireReadyIn(String requireReadyIn) {
    this.requireReadyIn = requireReadyIn;
  }
}
