package dev.envops.operator.reconcile;

/** The condition types the operator writes. */
public final class ConditionType {

  /** The schema of the revision was promoted (written by schema promotion). */
  public static final String SCHEMA_PROMOTED = "SchemaPromoted";

  /** The desired deployment is ACTIVE on Lightsail. */
  public static final String DEPLOYED = "Deployed";

  /** The Environment serves the declared revision. */
  public static final String READY = "Ready";

  /** The deployed tag now resolves to another digest in ECR. */
  public static final String IMAGE_DIGEST_CHANGED = "ImageDigestChanged";

  /**
   * Setting the tag back would also revert the last schema change (its revert window is open), or
   * not (the schema stays forward).
   */
  public static final String ROLLBACK_AVAILABLE = "RollbackAvailable";

  /** kstatus: True while the operator is still moving toward the spec (a rollout in progress). */
  public static final String RECONCILING = "Reconciling";

  /** kstatus: True when the rollout cannot go on without a person (kstatus reads Failed). */
  public static final String STALLED = "Stalled";

  private ConditionType() {}
}
