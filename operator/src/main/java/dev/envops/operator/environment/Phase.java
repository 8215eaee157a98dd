package dev.envops.operator.environment;

/** Where an Environment stands, as shown in the Phase column. */
public enum Phase {
  Pending,
  Blocked,
  PromotingSchema,
  Deploying,
  Ready,
  Failed,
  Suspended
}
