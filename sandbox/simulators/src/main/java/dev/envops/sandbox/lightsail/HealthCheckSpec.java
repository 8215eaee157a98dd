package dev.envops.sandbox.lightsail;

/** A public endpoint's health check, with Lightsail's defaults filled in as the service does. */
public record HealthCheckSpec(
    int healthyThreshold,
    int unhealthyThreshold,
    int timeoutSeconds,
    int intervalSeconds,
    String path,
    String successCodes) {

  /** What Lightsail stores when a deployment names no health check. */
  public static final HealthCheckSpec DEFAULT = new HealthCheckSpec(2, 2, 2, 5, "/", "200-499");
}
