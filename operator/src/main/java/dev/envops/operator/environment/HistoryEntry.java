package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

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

  /** A copy that shares nothing mutable with this one. */
  public HistoryEntry copy() {
    HistoryEntry copy = new HistoryEntry();
    copy.gitRef = gitRef;
    copy.image = image;
    copy.deployRequest = deployRequest;
    copy.deployRequestUrl = deployRequestUrl;
    copy.deploymentVersion = deploymentVersion;
    copy.result = result;
    copy.admittedBy = admittedBy;
    copy.startedAt = startedAt;
    copy.finishedAt = finishedAt;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HistoryEntry)) {
      return false;
    }
    HistoryEntry other = (HistoryEntry) o;
    return Objects.equals(gitRef, other.gitRef)
        && Objects.equals(image, other.image)
        && Objects.equals(deployRequest, other.deployRequest)
        && Objects.equals(deployRequestUrl, other.deployRequestUrl)
        && Objects.equals(deploymentVersion, other.deploymentVersion)
        && Objects.equals(result, other.result)
        && Objects.equals(admittedBy, other.admittedBy)
        && Objects.equals(startedAt, other.startedAt)
        && Objects.equals(finishedAt, other.finishedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        gitRef,
        image,
        deployRequest,
        deployRequestUrl,
        deploymentVersion,
        result,
        admittedBy,
        startedAt,
        finishedAt);
  }
}
