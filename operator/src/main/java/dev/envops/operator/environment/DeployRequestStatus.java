package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The PlanetScale deploy request of the current revision (filled by schema promotion). */
public class DeployRequestStatus {

  @JsonPropertyDescription(
      "The revision (image digest) this deploy request promotes the schema for.")
  private String revision;

  @JsonPropertyDescription("Deploy request number.")
  private Long number;

  @JsonPropertyDescription("Its deployment_state.")
  private String state;

  @JsonPropertyDescription("Link to it.")
  private String url;

  @JsonPropertyDescription("open or closed.")
  private String requestState;

  @JsonPropertyDescription("When deployment_state last changed (RFC 3339).")
  private String stateSince;

  @JsonPropertyDescription(
      "Why the promotion of this revision failed, if it did; a new image starts over.")
  private String failureReason;

  @JsonPropertyDescription(
      "What the request's DDL does to the running app: NONE, ADDITIVE, DESTRUCTIVE, MIXED or"
          + " UNKNOWN.")
  private String changeClass;

  @JsonPropertyDescription(
      "When it is deployed relative to the app: BeforeRollout, AfterRollout, or Held (waiting for"
          + " a person).")
  private String order;

  @JsonPropertyDescription("When its schema went live (RFC 3339), if it did.")
  private String deployedAt;

  public String getDeployedAt() {
    return deployedAt;
  }

  public void setDeployedAt(String deployedAt) {
    this.deployedAt = deployedAt;
  }

  public String getChangeClass() {
    return changeClass;
  }

  public void setChangeClass(String changeClass) {
    this.changeClass = changeClass;
  }

  public String getOrder() {
    return order;
  }

  public void setOrder(String order) {
    this.order = order;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getRequestState() {
    return requestState;
  }

  public void setRequestState(String requestState) {
    this.requestState = requestState;
  }

  public String getStateSince() {
    return stateSince;
  }

  public void setStateSince(String stateSince) {
    this.stateSince = stateSince;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public void setFailureReason(String failureReason) {
    this.failureReason = failureReason;
  }

  public Long getNumber() {
    return number;
  }

  public void setNumber(Long number) {
    this.number = number;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  /** A copy that shares nothing mutable with this one. */
  public DeployRequestStatus copy() {
    DeployRequestStatus copy = new DeployRequestStatus();
    copy.revision = revision;
    copy.number = number;
    copy.state = state;
    copy.url = url;
    copy.requestState = requestState;
    copy.stateSince = stateSince;
    copy.failureReason = failureReason;
    copy.changeClass = changeClass;
    copy.order = order;
    copy.deployedAt = deployedAt;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeployRequestStatus)) {
      return false;
    }
    DeployRequestStatus other = (DeployRequestStatus) o;
    return Objects.equals(revision, other.revision)
        && Objects.equals(number, other.number)
        && Objects.equals(state, other.state)
        && Objects.equals(url, other.url)
        && Objects.equals(requestState, other.requestState)
        && Objects.equals(stateSince, other.stateSince)
        && Objects.equals(failureReason, other.failureReason)
        && Objects.equals(changeClass, other.changeClass)
        && Objects.equals(order, other.order)
        && Objects.equals(deployedAt, other.deployedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        revision,
        number,
        state,
        url,
        requestState,
        stateSince,
        failureReason,
        changeClass,
        order,
        deployedAt);
  }
}
