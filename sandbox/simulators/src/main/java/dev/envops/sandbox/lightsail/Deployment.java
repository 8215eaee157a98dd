package dev.envops.sandbox.lightsail;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One deployment version; only its state changes. Guarded by the simulator's lock. */
final class Deployment {

  final int version;
  final Map<String, ContainerSpec> containers;
  final PublicEndpointSpec publicEndpoint;
  final Instant createdAt;
  DeploymentState state = DeploymentState.ACTIVATING;
  String failureMessage;

  Deployment(int version, DeploymentRequest request, Instant createdAt) {
    this.version = version;
    this.containers = request.containers();
    this.publicEndpoint = request.publicEndpoint();
    this.createdAt = createdAt;
  }

  DeploymentSnapshot snapshot() {
    return new DeploymentSnapshot(
        version,
        state,
        containers,
        Optional.ofNullable(publicEndpoint),
        createdAt,
        Optional.ofNullable(failureMessage));
  }
}
