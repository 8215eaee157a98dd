package dev.envops.operator.accounts;

import dev.envops.operator.ecr.ImageDigests;
import dev.envops.operator.ecr.PullAccess;
import dev.envops.operator.ecr.RegistryIds;
import dev.envops.operator.lightsail.ContainerServicePort;

/**
 * What the steps use of one AWS account: its ECR images, registry, pull grants and the shared view
 * of its container services, all acting with that account's credentials.
 *
 * @param role the IAM role assumed for it; empty for the operator's own credentials
 */
public record CloudAccount(
    String role,
    ImageDigests images,
    RegistryIds registry,
    PullAccess pullAccess,
    ContainerServicePort services) {

  /** The account's name in messages: its role, or the operator's own credentials. */
  public String describe() {
    return role.isEmpty() ? "the operator's own credentials" : "role " + role;
  }
}
