package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the Environment's namespace. */
public class SecretKeyRef {

  @Required
  @Pattern(KubernetesNames.OBJECT_NAME_PATTERN)
  @Size(max = KubernetesNames.OBJECT_NAME_MAX)
  @JsonPropertyDescription("Secret name.")
  private String name;

  @Required
  @Pattern(KubernetesNames.SECRET_KEY_PATTERN)
  @Size(max = KubernetesNames.OBJECT_NAME_MAX)
  @JsonPropertyDescription("Key inside the Secret's data.")
  private String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
