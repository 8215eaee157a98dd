package dev.envops.sandbox.planetscale;

import java.time.Duration;

/** How long each phase of a deploy request lasts in the simulator; changeable while it runs. */
public final class DeployTimings {

  private volatile Duration pending = Duration.ofSeconds(1);
  private volatile Duration queued = Duration.ofMillis(500);
  private volatile Duration submitting = Duration.ofMillis(500);
  private volatile Duration inProgress = Duration.ofSeconds(1);
  private volatile Duration cutover = Duration.ofMillis(500);
  private volatile Duration cancel = Duration.ofMillis(500);
  private volatile Duration revertWindow = Duration.ofMinutes(30);
  private volatile Duration revert = Duration.ofMillis(500);
  private volatile Duration schemaRecheck = Duration.ofSeconds(1);

  /**
   * How long a new request stays {@code pending} before it is {@code ready} or {@code no_changes}.
   */
  public DeployTimings pending(Duration value) {
    pending = value;
    return this;
  }

  /** The least time a deploy stays {@code queued}, even with an empty queue. */
  public DeployTimings queued(Duration value) {
    queued = value;
    return this;
  }

  public DeployTimings submitting(Duration value) {
    submitting = value;
    return this;
  }

  public DeployTimings inProgress(Duration value) {
    inProgress = value;
    return this;
  }

  /** How long {@code in_progress_cutover} lasts before the DDL is applied. */
  public DeployTimings cutover(Duration value) {
    cutover = value;
    return this;
  }

  /** How long {@code in_progress_cancel} lasts before {@code complete_cancel}. */
  public DeployTimings cancel(Duration value) {
    cancel = value;
    return this;
  }

  /**
   * How long {@code complete_pending_revert} lasts before {@code complete}: 30 minutes by default,
   * as on PlanetScale; zero goes straight to {@code complete} (no real database does that).
   */
  public DeployTimings revertWindow(Duration value) {
    revertWindow = value;
    return this;
  }

  /** How long {@code in_progress_revert} lasts before the schema is back. */
  public DeployTimings revert(Duration value) {
    revert = value;
    return this;
  }

  /**
   * How often an open {@code ready} or {@code no_changes} request diffs its branches again, the way
   * PlanetScale updates a request when its branch's schema changes.
   */
  public DeployTimings schemaRecheck(Duration value) {
    schemaRecheck = value;
    return this;
  }

  /** Sets {@code pending}, every deploy phase and the revert (not its window) to {@code value}. */
  public DeployTimings allPhases(Duration value) {
    return pending(value)
        .queued(value)
        .submitting(value)
        .inProgress(value)
        .cutover(value)
        .cancel(value)
        .revert(value);
  }

  Duration pending() {
    return pending;
  }

  Duration queued() {
    return queued;
  }

  Duration submitting() {
    return submitting;
  }

  Duration inProgress() {
    return inProgress;
  }

  Duration cutover() {
    return cutover;
  }

  Duration cancel() {
    return cancel;
  }

  Duration schemaRecheck() {
    return schemaRecheck;
  }

  Duration revert() {
    return revert;
  }

  Duration revertWindow() {
    return revertWindow;
  }
}
