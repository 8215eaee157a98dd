package dev.envops.sandbox.lightsail;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one deployment version.
 *
 * @param failureMessage why a FAILED deployment failed (what Lightsail would show in its logs)
 */
public record DeploymentSnapshot(
    int version,
    DeploymentState state,
    Map<String, ContainerSpec> containers,
    Optional<PublicEndpointSpec> publicEndpoint,
    Instant createdAt,
    Optional<String> failureMessage) {

  /** The container behind the public endpoint, or the only container. */
  public Optional<ContainerSpec> servingContainer() {
    if (publicEndpoint.isPresent()) {
      return Optional.ofNullable(containers.get(publicEndpoint.get().containerName()));
    }
    return containers.size() == 1 ? containers.values().stream().findFirst() : Optional.empty();
  }
}
