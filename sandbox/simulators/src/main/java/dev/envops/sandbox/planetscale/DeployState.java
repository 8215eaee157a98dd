package dev.envops.sandbox.planetscale;

import java.util.Locale;

/**
 * The 20 values of {@code deployment_state} (and {@code deployment.state}) in PlanetScale's API.
 */
public enum DeployState {
  PENDING,
  READY,
  NO_CHANGES,
  QUEUED,
  SUBMITTING,
  IN_PROGRESS,
  IN_PROGRESS_VSCHEMA,
  PENDING_CUTOVER,
  IN_PROGRESS_CUTOVER,
  IN_PROGRESS_CANCEL,
  COMPLETE,
  COMPLETE_PENDING_REVERT,
  COMPLETE_CANCEL,
  COMPLETE_ERROR,
  IN_PROGRESS_REVERT,
  IN_PROGRESS_REVERT_VSCHEMA,
  COMPLETE_REVERT,
  COMPLETE_REVERT_ERROR,
  CANCELLED,
  ERROR;

  /** The value on the wire, e.g. {@code in_progress_cutover}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a deployment in this state holds the database's deploy queue. */
  boolean holdsQueue() {
    return switch (this) {
      case SUBMITTING,
          IN_PROGRESS,
          IN_PROGRESS_VSCHEMA,
          PENDING_CUTOVER,
          IN_PROGRESS_CUTOVER,
          IN_PROGRESS_CANCEL,
          COMPLETE_PENDING_REVERT,
          IN_PROGRESS_REVERT,
          IN_PROGRESS_REVERT_VSCHEMA ->
          true;
      default -> false;
    };
  }

  /**
   * Whether a deploy has been asked for and has not finished yet (the request cannot be closed).
   */
  boolean deploying() {
    return this == QUEUED || (holdsQueue() && this != COMPLETE_PENDING_REVERT);
  }
}
