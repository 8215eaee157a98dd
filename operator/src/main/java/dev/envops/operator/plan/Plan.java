package dev.envops.operator.plan;

import java.util.List;

/**
 * The combined plan for a changed Environment manifest against the live one: container changes, the
 * schema the deploy request would apply, and the promotion gate's verdict.
 *
 * @param exists false when the Environment is not in the cluster yet (everything is new)
 */
record Plan(
    String namespace,
    String name,
    boolean exists,
    List<String> containerChanges,
    SchemaPlan schema,
    GateVerdict gate) {

  /** Exit code: the plan rolls out as it stands. */
  static final int ROLLS_OUT = 0;

  /** Exit code: the plan could not be computed (unreadable manifest, cluster or PlanetScale). */
  static final int ERROR = 1;

  /** Exit code: the rollout would not go through (the promotion gate blocks it). */
  static final int BLOCKED = 2;

  /** Exit code: it rolls out, and a schema statement can drop data: a reviewer must look. */
  static final int DROPS_DATA = 3;

  int exitCode() {
    if (!gate.admitted()) {
      return BLOCKED;
    }
    return schema.dropsData() ? DROPS_DATA : ROLLS_OUT;
  }

  String verdict() {
    return switch (exitCode()) {
      case BLOCKED -> "blocked by the promotion gate";
      case DROPS_DATA -> "rolls out; the schema change can drop data: review it";
      default ->
          containerChanges.isEmpty() && schema.statements().isEmpty()
              ? "no change"
              : exists ? "rolls out" : "creates the Environment and rolls it out";
    };
  }
}
