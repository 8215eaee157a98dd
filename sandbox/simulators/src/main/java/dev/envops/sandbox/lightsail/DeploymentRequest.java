package dev.envops.sandbox.lightsail;

import java.util.Map;

/**
 * The containers and public endpoint of a requested deployment; {@code publicEndpoint} may be null.
 */
record DeploymentRequest(Map<String, ContainerSpec> containers, PublicEndpointSpec publicEndpoint) {

  DeploymentRequest {
    containers = Map.copyOf(containers);
  }
}
