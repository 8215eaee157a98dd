package dev.envops.operator.planetscale;

import java.util.Locale;
import java.util.Map;

/**
 * What the operator does with each PlanetScale {@code deployment_state}: the 20 documented values,
 * grouped by the action they call for. Unknown values are treated as still moving, never as
 * success.
 */
public enum DeploymentState {
  /** PlanetScale is still computing the diff. */
  CHECKING,
  /** Changes found and checks passed: call deploy. */
  READY,
  /** Nothing to deploy: close the request, the schema is already promoted. */
  NO_CHANGES,
  /** Queued or running: wait. */
  IN_PROGRESS,
  /** A gated deploy waiting for apply-deploy. */
  PENDING_CUTOVER,
  /** The schema is live. */
  COMPLETE,
  /** Failed, cancelled or reverted: the app must not roll out. */
  FAILED,
  /** A value this operator does not know: treated as in progress, with a timeout. */
  UNKNOWN;

  private static final Map<String, DeploymentState> BY_NAME =
      Map.ofEntries(
          Map.entry("pending", CHECKING),
          Map.entry("ready", READY),
          Map.entry("no_changes", NO_CHANGES),
          Map.entry("queued", IN_PROGRESS),
          Map.entry("submitting", IN_PROGRESS),
          Map.entry("in_progress", IN_PROGRESS),
          Map.entry("in_progress_vschema", IN_PROGRESS),
          Map.entry("in_progress_cutover", IN_PROGRESS),
          Map.entry("pending_cutover", PENDING_CUTOVER),
          // A cancel or revert that is still running ends in a failure state.
          Map.entry("in_progress_cancel", IN_PROGRESS),
          Map.entry("in_progress_revert", IN_PROGRESS),
          Map.entry("in_progress_revert_vschema", IN_PROGRESS),
          Map.entry("complete", COMPLETE),
          // Schema live with the revert window open: success for a rollout.
          Map.entry("complete_pending_revert", COMPLETE),
          Map.entry("complete_cancel", FAILED),
          Map.entry("complete_error", FAILED),
          Map.entry("complete_revert", FAILED),
          Map.entry("complete_revert_error", FAILED),
          Map.entry("cancelled", FAILED),
          Map.entry("error", FAILED),
          Map.entry("failed", FAILED));

  public static DeploymentState of(String deploymentState) {
    if (deploymentState == null) {
      return UNKNOWN;
    }
    return BY_NAME.getOrDefault(deploymentState.toLowerCase(Locale.ROOT), UNKNOWN);
  }
}
