package dev.envops.operator.planetscale;

import java.util.List;

/**
 * The fields of a PlanetScale deploy request the operator acts on.
 *
 * @param number the per-database number used in paths
 * @param state {@code open} or {@code closed}
 * @param deploymentState the top-level {@code deployment_state} (falls back to the nested one)
 * @param deployable whether the nested deployment says it can be deployed
 * @param lintErrors descriptions of lint errors that block a deploy
 * @param deployedAt when the schema went live, or null (a request in its revert window is still
 *     {@code open} with this set)
 * @param autoCutover false when someone gated the cut-over (auto-apply off)
 * @param preceding the deployments ahead of this one in the database's deploy queue
 * @param operations the DDL the deploy will run, one operation per table
 */
public record DeployRequest(
    long number,
    String branch,
    String intoBranch,
    String state,
    String deploymentState,
    boolean approved,
    boolean deployable,
    List<String> lintErrors,
    String htmlUrl,
    String notes,
    String deployedAt,
    boolean autoCutover,
    List<QueuedDeployment> preceding,
    List<DeployOperation> operations) {

  public boolean isOpen() {
    return "open".equals(state);
  }

  public DeploymentState phase() {
    return DeploymentState.of(deploymentState);
  }

  /**
   * Open and not started deploying: {@code pending}, {@code ready} or {@code no_changes} with no
   * {@code deployed_at}. Only such a request of another revision may be adopted.
   */
  public boolean isAdoptable() {
    return isOpen()
        && deployedAt == null
        && (phase() == DeploymentState.CHECKING
            || phase() == DeploymentState.READY
            || phase() == DeploymentState.NO_CHANGES);
  }

  /** One statement of the deploy: its table, DDL and whether PlanetScale says it can drop data. */
  public record DeployOperation(String table, String ddl, boolean canDropData) {}

  /** A deployment in the deploy queue: whose it is and its state. */
  public record QueuedDeployment(long deployRequestNumber, String state) {}
}
