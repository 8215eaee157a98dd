package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A whole Secret in the Environment's namespace. */
public class SecretRef {

  @Required
  @Pattern(KubernetesNames.OBJECT_NAME_PATTERN)
  @Size(max = KubernetesNames.OBJECT_NAME_MAX)
  @JsonPropertyDescription("Secret name.")
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
