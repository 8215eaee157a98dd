package dev.envops.operator.reconcile;

import dev.envops.operator.lightsail.ServiceState;

/**
 * The settled container service {@link ContainerServiceStep} hands to {@link DeploymentStep}.
 *
 * @param steady true when it came from the region's shared view, which vouches for a service at
 *     rest only: read it again before deploying or waiting
 */
public record SeenService(ServiceState service, boolean steady) {}
