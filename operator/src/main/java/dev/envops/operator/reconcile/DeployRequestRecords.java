package dev.envops.operator.reconcile;

import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.DeployRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes what PlanetScale says of the revision's deploy request into {@code status.deployRequest}.
 */
final class DeployRequestRecords {

  private DeployRequestRecords() {}

  /** Records the request in status; a state change also feeds the time-in-state metric. */
  static DeployRequestStatus record(
      RolloutContext ctx, DeployRequest request, String revision, OperatorMetrics metrics) {
    DeployRequestStatus status = ctx.status().getDeployRequest();
    boolean sameRequest =
        status != null
            && revision.equals(status.getRevision())
            && status.getNumber() != null
            && status.getNumber() == request.number();
    if (!sameRequest) {
      status = new DeployRequestStatus();
      status.setRevision(revision);
      status.setNumber(request.number());
      ctx.status().setDeployRequest(status);
    }
    if (!request.deploymentState().equals(status.getState())) {
      if (status.getState() != null && since(status) != null) {
        metrics.deployRequestStateSeconds(
            status.getState(), Duration.between(since(status), ctx.now()).toMillis() / 1000.0);
      }
      status.setState(request.deploymentState());
      status.setStateSince(Conditions.timestamp(ctx.now()));
    }
    status.setRequestState(request.state());
    if (request.deployedAt() != null) {
      status.setDeployedAt(request.deployedAt());
    }
    status.setUrl(request.htmlUrl());
    return status;
  }

  /** When the recorded deployment_state was entered, or null. */
  static Instant since(DeployRequestStatus status) {
    return status.getStateSince() == null ? null : Instant.parse(status.getStateSince());
  }

  /** The PlanetScale page of request {@code number}, from the URL of another of the database. */
  static String urlOf(String knownUrl, long number) {
    if (knownUrl == null) {
      return "#" + number;
    }
    int slash = knownUrl.lastIndexOf('/');
    return knownUrl.substring(0, slash + 1) + number;
  }
}
