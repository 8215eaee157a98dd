package dev.envops.operator.environment;

/** Whether the container service outlives its Environment. */
public enum DeletionPolicy {
  Retain,
  Delete
}
