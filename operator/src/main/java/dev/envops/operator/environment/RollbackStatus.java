package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

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
}
