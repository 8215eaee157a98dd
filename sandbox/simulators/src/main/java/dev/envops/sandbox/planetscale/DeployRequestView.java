package dev.envops.sandbox.planetscale;

import java.time.Instant;
import java.util.List;

/**
 * A read-only copy of a deploy request for assertions in tests and the sandbox; {@code
 * stateHistory} lists every deployment state it has been in, oldest first.
 */
public record DeployRequestView(
    long number,
    String branch,
    String intoBranch,
    boolean open,
    DeployState deploymentState,
    List<DeployState> stateHistory,
    boolean approved,
    boolean deployable,
    List<String> ddlStatements,
    String creatorTokenId,
    Instant createdAt,
    Instant deployedAt,
    String notes) {

  static DeployRequestView of(DeployRequest request) {
    return new DeployRequestView(
        request.number,
        request.branch,
        request.intoBranch,
        request.open,
        request.deploymentState,
        List.copyOf(request.history),
        request.approved,
        request.deployable,
        request.changes.stream().map(c -> c.ddl()).toList(),
        request.actorTokenId,
        request.createdAt,
        request.deployedAt,
        request.notes);
  }
}
