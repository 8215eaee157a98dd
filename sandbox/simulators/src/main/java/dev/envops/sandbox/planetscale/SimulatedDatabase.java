package dev.envops.sandbox.planetscale;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One PlanetScale database: its branches, its deploy requests and its knobs. Callers synchronize on
 * the instance for every read and change.
 */
final class SimulatedDatabase {

  final String organization;
  final String name;
  final Map<String, Branch> branches = new LinkedHashMap<>();
  final Map<Long, DeployRequest> deployRequests = new TreeMap<>();
  final Deque<DeployState> forcedOutcomes = new ArrayDeque<>();
  final Deque<List<String>> forcedLintErrors = new ArrayDeque<>();
  boolean requireApproval;
  boolean gatedCutover;
  private long lastNumber;

  SimulatedDatabase(String organization, String name) {
    this.organization = organization;
    this.name = name;
  }

  long nextNumber() {
    return ++lastNumber;
  }

  Optional<Branch> branch(String branchName) {
    return Optional.ofNullable(branches.get(branchName));
  }

  Branch requireBranch(String branchName) {
    return branch(branchName)
        .orElseThrow(() -> ApiException.notFound("Branch " + branchName + " was not found"));
  }

  DeployRequest requireDeployRequest(long number) {
    DeployRequest request = deployRequests.get(number);
    if (request == null) {
      throw ApiException.notFound("Deploy request #" + number + " was not found");
    }
    return request;
  }

  /** Deployments waiting in the queue, oldest first. */
  List<DeployRequest> queued() {
    List<DeployRequest> queued = new ArrayList<>();
    for (DeployRequest request : deployRequests.values()) {
      if (request.deploymentState == DeployState.QUEUED) {
        queued.add(request);
      }
    }
    queued.sort((a, b) -> a.queuedAt.compareTo(b.queuedAt));
    return queued;
  }

  boolean queueHeld() {
    return deployRequests.values().stream()
        .anyMatch(r -> r.blocksQueue || r.deploymentState.holdsQueue());
  }

  String htmlUrl(long number) {
    return "https://app.planetscale.com/"
        + organization
        + "/"
        + name
        + "/deploy-requests/"
        + number;
  }
}
