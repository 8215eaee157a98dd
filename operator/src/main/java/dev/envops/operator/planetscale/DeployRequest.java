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
    String notes) {

  public boolean isOpen() {
    return "open".equals(state);
  }

  public DeploymentState phase() {
    return DeploymentState.of(deploymentState);
  }
}
