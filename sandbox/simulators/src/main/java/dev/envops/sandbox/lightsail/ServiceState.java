package dev.envops.sandbox.lightsail;

/** Lightsail's {@code ContainerServiceState}. */
public enum ServiceState {
  PENDING,
  READY,
  DEPLOYING,
  RUNNING,
  UPDATING,
  DELETING,
  DISABLED
}
