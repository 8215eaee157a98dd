package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A joint rollback of app and schema in progress: which deploy request is reverted, and when. */
public class RollbackStatus {

  @JsonPropertyDescription("The revision (image digest) rolled back from.")
  private String fromRevision;

  @JsonPropertyDescription("The revision rolled back to.")
  private String toRevision;

  @JsonPropertyDescription(
      "The deploy request that promoted fromRevision's schema; it is reverted.")
  private Long deployRequest;

  @JsonPropertyDescription("Link to it.")
  private String url;

  @JsonPropertyDescription(
      "SchemaFirst (a destructive change: restore the schema, then the previous app) or AppFirst"
          + " (an additive change: the previous app, then the schema).")
  private String order;

  @JsonPropertyDescription("The request's deployment_state as last seen.")
  private String state;

  public String getFromRevision() {
    return fromRevision;
  }

  public void setFromRevision(String fromRevision) {
    this.fromRevision = fromRevision;
  }

  public String getToRevision() {
    return toRevision;
  }

  public void setToRevision(String toRevision) {
    this.toRevision = toRevision;
  }

  public Long getDeployRequest() {
    return deployRequest;
  }

  public void setDeployRequest(Long deployRequest) {
    this.deployRequest = deployRequest;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getOrder() {
    return order;
  }

  public void setOrder(String order) {
    this.order = order;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  /** The revert finished: the schema is back. */
  public boolean reverted() {
    return "complete_revert".equals(state);
  }

  /** A copy that shares nothing mutable with this one. */
  public RollbackStatus copy() {
    RollbackStatus copy = new RollbackStatus();
    copy.fromRevision = fromRevision;
    copy.toRevision = toRevision;
    copy.deployRequest = deployRequest;
    copy.url = url;
    copy.order = order;
    copy.state = state;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RollbackStatus)) {
      return false;
    }
    RollbackStatus other = (RollbackStatus) o;
    return Objects.equals(fromRevision, other.fromRevision)
        && Objects.equals(toRevision, other.toRevision)
        && Objects.equals(deployRequest, other.deployRequest)
        && Objects.equals(url, other.url)
        && Objects.equals(order, other.order)
        && Objects.equals(state, other.state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fromRevision, toRevision, deployRequest, url, order, state);
  }
}
