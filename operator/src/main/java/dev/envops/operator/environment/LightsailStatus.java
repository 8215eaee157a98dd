package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the operator last saw of the container service and the deployment it tracks. */
public class LightsailStatus {

  @JsonPropertyDescription("Container service state (PENDING, READY, DEPLOYING, RUNNING, ...).")
  private String serviceState;

  @JsonPropertyDescription("Public URL of the container service.")
  private String url;

  @JsonPropertyDescription("Version of the deployment the operator rolled out for the spec.")
  private Long deploymentVersion;

  @JsonPropertyDescription("State of that deployment: ACTIVATING, ACTIVE, INACTIVE or FAILED.")
  private String state;

  @JsonPropertyDescription("Version of the deployment currently serving traffic.")
  private Long servingVersion;

  @JsonPropertyDescription(
      "SHA-256 of the desired deployment (image, env, secret values, port, health check) that"
          + " deploymentVersion carries; secret values are never stored, only this hash.")
  private String configHash;

  public String getServiceState() {
    return serviceState;
  }

  public void setServiceState(String serviceState) {
    this.serviceState = serviceState;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public Long getDeploymentVersion() {
    return deploymentVersion;
  }

  public void setDeploymentVersion(Long deploymentVersion) {
    this.deploymentVersion = deploymentVersion;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public Long getServingVersion() {
    return servingVersion;
  }

  public void setServingVersion(Long servingVersion) {
    this.servingVersion = servingVersion;
  }

  public String getConfigHash() {
    return configHash;
  }

  public void setConfigHash(String configHash) {
    this.configHash = configHash;
  }

  /** A copy that shares nothing mutable with this one. */
  public LightsailStatus copy() {
    LightsailStatus copy = new LightsailStatus();
    copy.serviceState = serviceState;
    copy.url = url;
    copy.deploymentVersion = deploymentVersion;
    copy.state = state;
    copy.servingVersion = servingVersion;
    copy.configHash = configHash;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LightsailStatus)) {
      return false;
    }
    LightsailStatus other = (LightsailStatus) o;
    return Objects.equals(serviceState, other.serviceState)
        && Objects.equals(url, other.url)
        && Objects.equals(deploymentVersion, other.deploymentVersion)
        && Objects.equals(state, other.state)
        && Objects.equals(servingVersion, other.servingVersion)
        && Objects.equals(configHash, other.configHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serviceState, url, deploymentVersion, state, servingVersion, configHash);
  }
}
