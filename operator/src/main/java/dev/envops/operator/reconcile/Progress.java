package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Phase;

/** What a pass is busy with while it waits: the phase and the domain condition that say so. */
public enum Progress {
  PROMOTING_SCHEMA(Phase.PromotingSchema, ConditionType.SCHEMA_PROMOTED),
  DEPLOYING(Phase.Deploying, ConditionType.DEPLOYED);

  private final Phase phase;
  private final String condition;

  Progress(Phase phase, String condition) {
    this.phase = phase;
    this.condition = condition;
  }

  /** The phase while the pass waits on this. */
  public Phase phase() {
    return phase;
  }

  /** The condition (SchemaPromoted or Deployed) that is False while the pass waits on this. */
  public String condition() {
    return condition;
  }
}
