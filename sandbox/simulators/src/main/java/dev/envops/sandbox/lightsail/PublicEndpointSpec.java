package dev.envops.sandbox.lightsail;

/** The container and port Lightsail exposes on the service URL, with its health check. */
public record PublicEndpointSpec(
    String containerName, int containerPort, HealthCheckSpec healthCheck) {}
