package dev.envops.operator.reconcile;

import dev.envops.operator.accounts.CloudAccounts;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.LightsailSpec;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Environment a container service (account, region and name) belongs to when several name it:
 * the first created whose spec is valid. The others would deploy over its service and fight it. The
 * account is the one of the role the Environment is managed as ({@code spec.lightsail.roleArn} or
 * {@code ENVOPS_NAMESPACE_ROLES}); no role is the operator's own account.
 */
final class ServiceClaims {

  /** Oldest first; the same second is settled by namespace and name, so every pass agrees. */
  private static final Comparator<Environment> FIRST_CREATED =
      Comparator.comparing(ServiceClaims::created)
          .thenComparing(e -> e.getMetadata().getNamespace())
          .thenComparing(e -> e.getMetadata().getName());

  /** Name of the cache index by container service: {@link #keys}. */
  static final String INDEX = "container-service";

  private final Map<String, String> namespaceRoles;

  ServiceClaims(Map<String, String> namespaceRoles) {
    this.namespaceRoles = namespaceRoles;
  }

  /**
   * The Environment that holds {@code env}'s service, if it is not {@code env} itself. A loop, not
   * a stream: it runs on every pass, and the stream's machinery was most of its cost.
   */
  Optional<Environment> holder(Environment env, List<Environment> all) {
    Environment holder = null;
    for (Environment other : all) {
      if (!sameResource(other, env)
          && sameService(other, env)
          && FIRST_CREATED.compare(other, env) < 0
          && (holder == null || FIRST_CREATED.compare(other, holder) < 0)
          && SpecValidator.firstProblem(other.getSpec()).isEmpty()) {
        holder = other;
      }
    }
    return Optional.ofNullable(holder);
  }

  /**
   * True when {@code env} names {@code earlier}'s container service and was created after it: a
   * change to {@code earlier} (its deletion) may hand the service over to {@code env}.
   */
  boolean nextInLine(Environment env, Environment earlier) {
    return !sameResource(env, earlier)
        && sameService(env, earlier)
        && FIRST_CREATED.compare(earlier, env) < 0;
  }

  private boolean sameService(Environment a, Environment b) {
    LightsailSpec x = lightsail(a);
    LightsailSpec y = lightsail(b);
    return x != null
        && y != null
        && x.getServiceName() != null
        && x.getServiceName().equals(y.getServiceName())
        && Objects.equals(x.getRegion(), y.getRegion())
        && account(a).equals(account(b));
  }

  /**
   * The index keys of {@code env}: its service's {@code account/region/name} if it names one, so at
   * most one key.
   */
  List<String> keys(Environment env) {
    LightsailSpec ls = lightsail(env);
    if (ls == null || ls.getServiceName() == null) {
      return List.of();
    }
    return List.of(account(env) + "/" + ls.getRegion() + "/" + ls.getServiceName());
  }

  /** The 12-digit account of the role {@code env} is managed as; empty for the operator's own. */
  private String account(Environment env) {
    String[] arn = CloudAccounts.roleOf(env, namespaceRoles).split(":");
    return arn.length > 4 ? arn[4] : "";
  }

  private static LightsailSpec lightsail(Environment env) {
    return env.getSpec() == null ? null : env.getSpec().getLightsail();
  }

  private static boolean sameResource(Environment a, Environment b) {
    return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
        && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }

  private static Instant created(Environment env) {
    String timestamp = env.getMetadata().getCreationTimestamp();
    return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
  }
}
