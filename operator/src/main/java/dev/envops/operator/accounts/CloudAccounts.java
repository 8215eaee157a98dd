package dev.envops.operator.accounts;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.ecr.EcrImages;
import dev.envops.operator.ecr.EcrPullAccess;
import dev.envops.operator.ecr.RegistryAccount;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.lightsail.ContainerServices;
import dev.envops.operator.lightsail.LightsailDeployments;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS accounts Environments deploy to, one {@link CloudAccount} each, made on first use: the
 * role {@code spec.lightsail.roleArn} names, else the one {@code ENVOPS_NAMESPACE_ROLES} gives the
 * Environment's namespace, else the operator's own credentials. Each account keeps its own caches
 * (tags, grants, the services of each region), so two accounts never answer for each other.
 */
public final class CloudAccounts implements AccountLookup, AutoCloseable {

  private final OperatorConfig config;
  private final AwsClients own;
  private final Clock clock;
  private final Map<String, CloudAccount> byRole = new ConcurrentHashMap<>();
  private final Map<String, AwsClients> assumed = new ConcurrentHashMap<>();

  public CloudAccounts(OperatorConfig config, AwsClients own, Clock clock) {
    this.config = config;
    this.own = own;
    this.clock = clock;
  }

  /** The account {@code env} deploys to. */
  @Override
  public CloudAccount of(Environment env) {
    return of(roleOf(env));
  }

  /** The role {@code env} is managed as; empty for the operator's own credentials. */
  public String roleOf(Environment env) {
    return roleOf(env, config.namespaceRoles());
  }

  /**
   * The role {@code env} is managed as: {@code spec.lightsail.roleArn}, else its namespace's in
   * {@code namespaceRoles}; empty for the operator's own credentials.
   */
  public static String roleOf(Environment env, Map<String, String> namespaceRoles) {
    LightsailSpec lightsail = env.getSpec() == null ? null : env.getSpec().getLightsail();
    if (lightsail != null && lightsail.getRoleArn() != null && !lightsail.getRoleArn().isBlank()) {
      return lightsail.getRoleArn();
    }
    return namespaceRoles.getOrDefault(env.getMetadata().getNamespace(), "");
  }

  /** The account of {@code role} (empty: the operator's own credentials). */
  public CloudAccount of(String role) {
    return byRole.computeIfAbsent(role, this::open);
  }

  private CloudAccount open(String role) {
    AwsClients clients = role.isEmpty() ? own : assumed.computeIfAbsent(role, own::assuming);
    return new CloudAccount(
        role,
        new EcrImages(clients, config.tagRecheck(), clock),
        new RegistryAccount(clients),
        new EcrPullAccess(clients, config.grantRecheck(), clock),
        new ContainerServices(
            new LightsailDeployments(clients),
            clock,
            config.resyncPeriod(),
            config.pollInterval()));
  }

  /** Closes the clients of assumed roles; the operator's own belong to whoever made them. */
  @Override
  public void close() {
    assumed.values().forEach(AwsClients::close);
  }
}
