package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One rollout: what was rolled out and how it ended. */
public class HistoryEntry {

  /** Result values. */
  public static final String IN_PROGRESS = "InProgress";

  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String SUPERSEDED = "Superseded";

  @JsonPropertyDescription("Git ref of the rollout.")
  private String gitRef;

  @JsonPropertyDescription("Image rolled out: repository:tag@digest.")
  private String image;

  @JsonPropertyDescription("PlanetScale deploy request number promoted for it, if any.")
  private Long deployRequest;

  @JsonPropertyDescription("Link to that deploy request.")
  private String deployRequestUrl;

  @JsonPropertyDescription("Lightsail deployment version.")
  private Long deploymentVersion;

  @JsonPropertyDescription("InProgress, Succeeded, Failed or Superseded.")
  private String result;

  @JsonPropertyDescription(
      "Why the promotion gate let this image through: ReadyIn <environment>, OwnHistory (a rollback"
          + " to an image this Environment was Ready with), or EmergencyOverride: <reason>.")
  private String admittedBy;

  public String getAdmittedBy() {
    return admittedBy;
  }

  public void setAdmittedBy(String admittedBy) {
    this.admittedBy = admittedBy;
  }

  @JsonPropertyDescription("When the rollout started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the rollout ended (RFC 3339).")
  private String finishedAt;

  public String getGitRef() {
    return gitRef;
  }

  public void setGitRef(String gitRef) {
    this.gitRef = gitRef;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Long getDeployRequest() {
    return deployRequest;
  }

  public void setDeployRequest(Long deployRequest) {
    this.deployRequest = deployRequest;
  }

  public String getDeployRequestUrl() {
    return deployRequestUrl;
  }

  public void setDeployRequestUrl(String deployRequestUrl) {
    this.deployRequestUrl = deployRequestUrl;
  }

  public Long getDeploymentVersion() {
    return deploymentVersion;
  }

  public void setDeploymentVersion(Long deploymentVersion) {
    this.deploymentVersion = deploymentVersion;
  }

  public String getResult() {
    return result;
  }

  public void setResult(String result) {
    this.result = result;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }
}
