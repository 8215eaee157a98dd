package dev.envops.sandbox.lightsail;

import java.util.Map;

/**
 * A validated {@code CreateContainerService} request.
 *
 * @param deployment the deployment to start once the service is up, or null
 */
record ServiceRequest(
    String name,
    String account,
    String region,
    String power,
    int scale,
    Map<String, String> tags,
    boolean pullerActive,
    DeploymentRequest deployment) {}
