package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lightsail container service power (node size). */
public enum Power {
  @JsonProperty("nano")
  NANO,
  @JsonProperty("micro")
  MICRO,
  @JsonProperty("small")
  SMALL,
  @JsonProperty("medium")
  MEDIUM,
  @JsonProperty("large")
  LARGE,
  @JsonProperty("xlarge")
  XLARGE;

  /** The name Lightsail uses. */
  public String lightsailName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
