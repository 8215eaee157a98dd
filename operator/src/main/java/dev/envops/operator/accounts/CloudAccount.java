package dev.envops.operator.accounts;

import dev.envops.operator.ecr.EcrImages;
import dev.envops.operator.ecr.EcrPullAccess;
import dev.envops.operator.ecr.RegistryAccount;
import dev.envops.operator.lightsail.ContainerServices;

/**
 * What the steps use of one AWS account: its ECR images, registry, pull grants and the shared view
 * of its container services, all acting with that account's credentials.
 *
 * @param role the IAM role assumed for it; empty for the operator's own credentials
 */
public record CloudAccount(
    String role,
    EcrImages images,
    RegistryAccount registry,
    EcrPullAccess pullAccess,
    ContainerServices services) {

  /** The account's name in messages: its role, or the operator's own credentials. */
  public String describe() {
    return role.isEmpty() ? "the operator's own credentials" : "role " + role;
  }
}
