package dev.envops.operator.planetscale;

import java.util.List;

/** The deploy-request calls the steps make on a PlanetScale database, as operator records. */
public interface DeployRequests {

  /**
   * Every deploy request (open and closed) from {@code branch} into {@code intoBranch}, newest
   * first.
   */
  List<DeployRequest> listAll(
      ServiceToken token, String org, String database, String branch, String intoBranch);

  /** The database's deploy queue: what runs or blocks it, then what waits. */
  List<DeployRequest.QueuedDeployment> deployQueue(ServiceToken token, String org, String database);

  /** Creates a deploy request; {@code notes} should identify the revision it promotes. */
  DeployRequest create(
      ServiceToken token,
      String org,
      String database,
      String branch,
      String intoBranch,
      String notes);

  /** The deploy request {@code number}. */
  DeployRequest get(ServiceToken token, String org, String database, long number);

  /** Queues the deploy of a {@code ready} request. */
  DeployRequest deploy(ServiceToken token, String org, String database, long number);

  /** Completes a gated deploy that waits in {@code pending_cutover}. */
  DeployRequest applyDeploy(ServiceToken token, String org, String database, long number);

  /** Ends the revert window of a deployed request, freeing the deploy queue behind it. */
  DeployRequest skipRevert(ServiceToken token, String org, String database, long number);

  /** Reverts a deployed request's schema change inside its revert window. */
  DeployRequest revert(ServiceToken token, String org, String database, long number);

  /** Marks a failed deploy or revert complete so the database's deploy queue proceeds. */
  DeployRequest completeDeploy(ServiceToken token, String org, String database, long number);

  /** Closes a request. */
  DeployRequest close(ServiceToken token, String org, String database, long number);

  /** Approves a request for databases that require review. */
  void approve(ServiceToken token, String org, String database, long number, String comment);
}
