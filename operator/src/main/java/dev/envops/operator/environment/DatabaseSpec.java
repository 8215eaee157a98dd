package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The PlanetScale database branch the app reads, and where its schema is promoted from. */
public class DatabaseSpec {

  @Required
  @JsonPropertyDescription("PlanetScale organization.")
  private String organization;

  @Required
  @JsonPropertyDescription("PlanetScale database name.")
  private String name;

  @Required
  @JsonPropertyDescription("The branch this Environment's app reads (e.g. main).")
  private String branch;

  @JsonPropertyDescription(
      "Optional source branch: before each rollout a deploy request promoteFrom -> branch is"
          + " deployed.")
  private String promoteFrom;

  @JsonPropertyDescription("Secret with the PlanetScale service token (keys: id, token).")
  private SecretRef serviceTokenSecretRef;

  @JsonPropertyDescription(
      "Keep the deploy request's 30-minute revert window open after the app is Ready (a person may"
          + " revert the schema there). Default false: envops skips the revert window once the app"
          + " serves, so the database's deploy queue is not held behind it.")
  private Boolean keepRevertWindow;

  @JsonPropertyDescription(
      "When a failed deploy or revert (complete_error, complete_revert_error) blocks the"
          + " database's deploy queue, unblock it with complete-deploy (pscale deploy-request"
          + " unblock). Default false: envops reports DeployQueueBlocked and waits for a person.")
  private Boolean unblockFailedDeploys;

  @JsonPropertyDescription(
      "Apply a gated cut-over (a deploy request with auto-apply turned off, waiting in"
          + " pending_cutover). Default false: the gate is a person's, envops waits for them.")
  private Boolean applyGatedCutover;

  @JsonPropertyDescription(
      "When a deploy request drops or renames a table or column the running app may read:"
          + " AfterRollout (default) deploys it once the new app serves; Hold waits for a person to"
          + " approve it (annotation envops.dev/approve-deploy-request: \"<number>\");"
          + " BeforeRollout deploys it first, like an additive change. Mixed or unknown changes are"
          + " held unless this is BeforeRollout.")
  private DestructiveChanges destructiveChanges;

  /** The order for destructive changes, AfterRollout when unset. */
  public DestructiveChanges destructiveChangesOrDefault() {
    return destructiveChanges == null ? DestructiveChanges.AfterRollout : destructiveChanges;
  }

  public DestructiveChanges getDestructiveChanges() {
    return destructiveChanges;
  }

  public void setDestructiveChanges(DestructiveChanges destructiveChanges) {
    this.destructiveChanges = destructiveChanges;
  }

  public boolean keepsRevertWindow() {
    return Boolean.TRUE.equals(keepRevertWindow);
  }

  public boolean unblocksFailedDeploys() {
    return Boolean.TRUE.equals(unblockFailedDeploys);
  }

  public boolean appliesGatedCutover() {
    return Boolean.TRUE.equals(applyGatedCutover);
  }

  public Boolean getKeepRevertWindow() {
    return keepRevertWindow;
  }

  public void setKeepRevertWindow(Boolean keepRevertWindow) {
    this.keepRevertWindow = keepRevertWindow;
  }

  public Boolean getUnblockFailedDeploys() {
    return unblockFailedDeploys;
  }

  public void setUnblockFailedDeploys(Boolean unblockFailedDeploys) {
    this.unblockFailedDeploys = unblockFailedDeploys;
  }

  public Boolean getApplyGatedCutover() {
    return applyGatedCutover;
  }

  public void setApplyGatedCutover(Boolean applyGatedCutover) {
    this.applyGatedCutover = applyGatedCutover;
  }

  /** True when {@code db} names a branch to promote from: its revisions carry a deploy request. */
  public static boolean promotes(DatabaseSpec db) {
    return db != null && db.getPromoteFrom() != null && !db.getPromoteFrom().isBlank();
  }

  public String getOrganization() {
    return organization;
  }

  public void setOrganization(String organization) {
    this.organization = organization;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public String getPromoteFrom() {
    return promoteFrom;
  }

  public void setPromoteFrom(String promoteFrom) {
    this.promoteFrom = promoteFrom;
  }

  public SecretRef getServiceTokenSecretRef() {
    return serviceTokenSecretRef;
  }

  public void setServiceTokenSecretRef(SecretRef serviceTokenSecretRef) {
    this.serviceTokenSecretRef = serviceTokenSecretRef;
  }
}
