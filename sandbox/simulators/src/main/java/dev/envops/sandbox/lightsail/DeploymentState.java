package dev.envops.sandbox.lightsail;

/** Lightsail's {@code ContainerServiceDeploymentState}. */
public enum DeploymentState {
  ACTIVATING,
  ACTIVE,
  INACTIVE,
  FAILED
}
