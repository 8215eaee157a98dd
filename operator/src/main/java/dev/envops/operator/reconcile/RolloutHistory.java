package dev.envops.operator.reconcile;

import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The last-10 rollout history in status, newest first. */
final class RolloutHistory {

  private RolloutHistory() {}

  /** Records a started rollout; any other one still in progress is superseded. */
  static HistoryEntry start(
      EnvironmentStatus status, String gitRef, String image, long version, Instant now) {
    List<HistoryEntry> history = status.getHistory();
    for (HistoryEntry e : history) {
      if (HistoryEntry.IN_PROGRESS.equals(e.getResult())) {
        e.setResult(HistoryEntry.SUPERSEDED);
        e.setFinishedAt(Conditions.timestamp(now));
      }
    }
    HistoryEntry entry = new HistoryEntry();
    entry.setGitRef(gitRef);
    entry.setImage(image);
    entry.setDeploymentVersion(version);
    DeployRequestStatus request = status.getDeployRequest();
    if (request != null
        && request.getRevision() != null
        && image.endsWith("@" + request.getRevision())) {
      entry.setDeployRequest(request.getNumber());
      entry.setDeployRequestUrl(request.getUrl());
    }
    entry.setAdmittedBy(status.getAdmittedBy());
    entry.setResult(HistoryEntry.IN_PROGRESS);
    entry.setStartedAt(Conditions.timestamp(now));
    history.add(0, entry);
    while (history.size() > EnvironmentStatus.HISTORY_LIMIT) {
      history.remove(history.size() - 1);
    }
    return entry;
  }

  /** Whether a rollout of {@code digest} succeeded here, as far as the history reaches. */
  static boolean succeededWith(EnvironmentStatus status, String digest) {
    return status.getHistory().stream()
        .anyMatch(
            e ->
                HistoryEntry.SUCCEEDED.equals(e.getResult())
                    && e.getImage() != null
                    && e.getImage().endsWith("@" + digest));
  }

  /** The entry of that deployment version, if recorded. */
  static Optional<HistoryEntry> find(EnvironmentStatus status, long version) {
    return status.getHistory().stream()
        .filter(e -> e.getDeploymentVersion() != null && e.getDeploymentVersion() == version)
        .findFirst();
  }

  /**
   * Ends the rollout of {@code version} with {@code result}, recording it first when the operator
   * never saw it start (e.g. it adopted a deployment after a restart).
   */
  static HistoryEntry finish(
      EnvironmentStatus status,
      String gitRef,
      String image,
      long version,
      String result,
      Instant now) {
    HistoryEntry entry =
        find(status, version).orElseGet(() -> start(status, gitRef, image, version, now));
    if (HistoryEntry.IN_PROGRESS.equals(entry.getResult())) {
      entry.setResult(result);
      entry.setFinishedAt(Conditions.timestamp(now));
    }
    return entry;
  }
}
