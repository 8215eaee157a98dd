package dev.envops.sandbox.lightsail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one container service, taken at a moment.
 *
 * @param deployments every kept deployment, newest first
 * @param stateDetailCode set only while PENDING, DEPLOYING or UPDATING
 * @param ecrImagePullerRole its principal is empty until the role exists (a while after it was made
 *     active)
 */
public record ContainerServiceSnapshot(
    String name,
    String arn,
    String account,
    String region,
    Instant createdAt,
    ServiceState state,
    Optional<String> stateDetailCode,
    String power,
    int scale,
    boolean isDisabled,
    Map<String, String> tags,
    String principalArn,
    EcrPullerRole ecrImagePullerRole,
    String url,
    Optional<DeploymentSnapshot> currentDeployment,
    Optional<DeploymentSnapshot> nextDeployment,
    List<DeploymentSnapshot> deployments) {

  /** The current deployment's public endpoint. */
  public Optional<PublicEndpointSpec> publicEndpoint() {
    return currentDeployment.flatMap(DeploymentSnapshot::publicEndpoint);
  }
}
