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
