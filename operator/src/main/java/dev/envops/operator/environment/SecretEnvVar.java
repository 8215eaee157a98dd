package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A container environment variable whose value is read from a Secret key. */
public class SecretEnvVar {

  @Required
  @Pattern(LightsailSpec.ENV_NAME_PATTERN)
  @JsonPropertyDescription("Environment variable name in the container.")
  private String name;

  @Required
  @JsonPropertyDescription("The Secret key (same namespace) holding the value.")
  private SecretKeyRef secretKeyRef;

  public SecretEnvVar() {}

  public SecretEnvVar(String name, SecretKeyRef secretKeyRef) {
    this.name = name;
    this.secretKeyRef = secretKeyRef;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public SecretKeyRef getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyRef secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}
