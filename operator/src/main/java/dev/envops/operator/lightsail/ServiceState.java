package dev.envops.operator.lightsail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container service as the steps read it.
 *
 * @param state Lightsail's word for it: {@code PENDING}, {@code READY}, {@code RUNNING}, {@code
 *     UPDATING}, {@code DEPLOYING}, {@code DELETING}, {@code DISABLED}
 * @param pullerRoleActive ECR private registry access is on (its role may have no principal yet)
 * @param principalArn the ECR image puller role's principal; empty until Lightsail creates it
 * @param currentDeployment the serving deployment, or null
 * @param nextDeployment the deployment activating, or null
 */
public record ServiceState(
    String name,
    String state,
    String power,
    Integer scale,
    boolean disabled,
    boolean pullerRoleActive,
    String principalArn,
    String url,
    Map<String, String> tags,
    DeploymentRecord currentDeployment,
    DeploymentRecord nextDeployment) {

  private static final Set<String> SETTLED = Set.of("READY", "RUNNING");

  public ServiceState {
    tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** READY or RUNNING: a deployment can be created. */
  public boolean settled() {
    return SETTLED.contains(state);
  }

  /** The principal to grant pull access to: present once the role is active and has one. */
  public Optional<String> pullerPrincipal() {
    return pullerRoleActive && principalArn != null && !principalArn.isBlank()
        ? Optional.of(principalArn)
        : Optional.empty();
  }

  /** The value of tag {@code key}, if the service carries it. */
  public Optional<String> tag(String key) {
    return Optional.ofNullable(tags.get(key));
  }
}
