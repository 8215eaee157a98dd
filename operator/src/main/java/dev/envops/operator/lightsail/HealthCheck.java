package dev.envops.operator.lightsail;

/** A public endpoint's health check, as sent to Lightsail and as Lightsail echoes it back. */
public record HealthCheck(
    String path,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer healthyThreshold,
    Integer unhealthyThreshold,
    String successCodes) {}
