package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A gate in front of the rollout: the image must have been Ready elsewhere first. */
public class PromotionSpec {

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
