package dev.envops.operator.lightsail;

import java.util.Objects;

/** A public endpoint's health check, as sent to Lightsail and as Lightsail echoes it back. */
public record HealthCheck(
    String path,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer healthyThreshold,
    Integer unhealthyThreshold,
    String successCodes) {

  // Written out: every pass compares the declared health check with the live one, and the
  // record's generated equals (method handles) is slow in the operator's C1-compiled code. The
  // generated hashCode agrees with it.
  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof HealthCheck h
            && Objects.equals(path, h.path)
            && Objects.equals(intervalSeconds, h.intervalSeconds)
            && Objects.equals(timeoutSeconds, h.timeoutSeconds)
            && Objects.equals(healthyThreshold, h.healthyThreshold)
            && Objects.equals(unhealthyThreshold, h.unhealthyThreshold)
            && Objects.equals(successCodes, h.successCodes);
  }
}
