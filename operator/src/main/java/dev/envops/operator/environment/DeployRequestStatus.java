package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The PlanetScale deploy request of the current revision (filled by schema promotion). */
public class DeployRequestStatus {

  @JsonPropertyDescription("Deploy request number.")
  private Long number;

  @JsonPropertyDescription("Its deployment_state.")
  private String state;

  @JsonPropertyDescription("Link to it.")
  private String url;

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
}
