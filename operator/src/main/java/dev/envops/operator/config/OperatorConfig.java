package dev.envops.operator.config;

import dev.envops.operator.environment.LightsailSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator settings, read from environment variables (see docs/operator.md for the reference).
 *
 * @param namespaces namespaces to watch; empty means all namespaces
 * @param resyncPeriod reschedule interval in steady state
 * @param pollInterval reschedule interval while something in the cloud is moving
 * @param slowRetry reschedule interval for conditions a person must fix (missing tag, failure)
 * @param maxBackoff upper bound of the jittered backoff after cloud errors
 * @param lightsailEndpoint endpoint override for Lightsail (all regions)
 * @param ecrEndpoint endpoint override for ECR (all regions)
 * @param metricsPort port of /metrics, /healthz and /readyz (0 picks a free one)
 * @param leaderElection whether to hold a Lease before reconciling
 * @param leaseName name of the Lease
 * @param leaseNamespace namespace of the Lease (empty: the operator's own namespace)
 * @param exitOnLostLeadership end the process when the Lease is lost (no two leaders, ever)
 * @param serverSideApply patch status with server-side apply (the default); off: a patch with
 *     optimistic locking
 * @param probeEndpoint whether Ready also requires the public URL to answer its health path
 * @param planetScaleApiUrl base URL of the PlanetScale API
 * @param tagRecheck how long a tag resolved in ECR is trusted before it is looked up again
 * @param reconcileThreads Environments reconciled at once
 * @param planetScaleBudget calls per {@code planetScaleBudgetWindow} allowed per PlanetScale
 *     organization, shared by all Environments (PlanetScale documents 600 a minute)
 * @param planetScaleBudgetWindow the window of that budget
 * @param deployRequestPatience how long a deploy request may wait (checking, queued, deploying,
 *     cutting over) before its condition says it is stuck and names what it waits on
 * @param grantRecheck how long an ECR pull grant seen in a repository policy is trusted before the
 *     policy is read again
 * @param labelSelector reconcile only the Environments this label selector matches (one shard of a
 *     fleet split over several operator Deployments); empty: every Environment
 * @param namespaceRoles the IAM role to assume for the Environments of a namespace that name none
 *     ({@code spec.lightsail.roleArn}); a namespace not listed uses the operator's own credentials
 * @param stsEndpoint endpoint override for STS (AssumeRole)
 */
public record OperatorConfig(
    Set<String> namespaces,
    Duration resyncPeriod,
    Duration pollInterval,
    Duration slowRetry,
    Duration maxBackoff,
    Optional<URI> lightsailEndpoint,
    Optional<URI> ecrEndpoint,
    int metricsPort,
    boolean leaderElection,
    String leaseName,
    Optional<String> leaseNamespace,
    boolean exitOnLostLeadership,
    boolean serverSideApply,
    boolean probeEndpoint,
    String planetScaleApiUrl,
    Duration tagRecheck,
    int reconcileThreads,
    int planetScaleBudget,
    Duration planetScaleBudgetWindow,
    Duration deployRequestPatience,
    Duration grantRecheck,
    Optional<String> labelSelector,
    Map<String, String> namespaceRoles,
    Optional<URI> stsEndpoint) {

  public OperatorConfig {
    if (planetScaleBudget < 1) {
      throw new IllegalArgumentException(
          "ENVOPS_PLANETSCALE_BUDGET must allow at least 1 call: " + planetScaleBudget);
    }
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException(
          "ENVOPS_RECONCILE_THREADS must be at least 1: " + reconcileThreads);
    }
  }

  /** Reads the configuration from the process environment. */
  public static OperatorConfig fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads the configuration from a map of environment variables. */
  public static OperatorConfig from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new OperatorConfig(
        r.list("ENVOPS_NAMESPACES"),
        r.duration("ENVOPS_RESYNC_PERIOD", Duration.ofMinutes(5)),
        r.duration("ENVOPS_POLL_INTERVAL", Duration.ofSeconds(10)),
        r.duration("ENVOPS_SLOW_RETRY", Duration.ofMinutes(1)),
        r.duration("ENVOPS_MAX_BACKOFF", Duration.ofMinutes(5)),
        r.uri("ENVOPS_LIGHTSAIL_ENDPOINT"),
        r.uri("ENVOPS_ECR_ENDPOINT"),
        r.integer("ENVOPS_METRICS_PORT", 8080),
        r.bool("ENVOPS_LEADER_ELECTION", true),
        r.string("ENVOPS_LEASE_NAME", "envops-operator"),
        r.optional("ENVOPS_LEASE_NAMESPACE"),
        r.bool("ENVOPS_EXIT_ON_LOST_LEADERSHIP", true),
        r.bool("ENVOPS_SERVER_SIDE_APPLY", true),
        r.bool("ENVOPS_PROBE_ENDPOINT", true),
        r.string("ENVOPS_PLANETSCALE_API_URL", "https://api.planetscale.com/v1"),
        r.duration("ENVOPS_TAG_RECHECK", Duration.ofHours(1)),
        r.integer("ENVOPS_RECONCILE_THREADS", 16),
        r.budgetCalls("ENVOPS_PLANETSCALE_BUDGET", 600),
        r.budgetWindow("ENVOPS_PLANETSCALE_BUDGET", Duration.ofMinutes(1)),
        r.duration("ENVOPS_DEPLOY_REQUEST_PATIENCE", Duration.ofMinutes(30)),
        r.duration("ENVOPS_GRANT_RECHECK", Duration.ofHours(1)),
        r.optional("ENVOPS_LABEL_SELECTOR"),
        r.roles("ENVOPS_NAMESPACE_ROLES"),
        r.uri("ENVOPS_STS_ENDPOINT"));
  }

  /** Reads typed values and names the variable when one does not parse. */
  private record EnvReader(Map<String, String> env) {

    Optional<String> optional(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String string(String name, String fallback) {
      return optional(name).orElse(fallback);
    }

    Set<String> list(String name) {
      return optional(name)
          .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()))
          .map(s -> s.collect(Collectors.toUnmodifiableSet()))
          .orElse(Set.of());
    }

    Duration duration(String name, Duration fallback) {
      return optional(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    int integer(String name, int fallback) {
      return optional(name).map(v -> parse(name, v, Integer::parseInt)).orElse(fallback);
    }

    boolean bool(String name, boolean fallback) {
      return optional(name)
          .map(
              v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                  throw new IllegalArgumentException(name + " must be true or false: " + v);
                }
                return Boolean.parseBoolean(v);
              })
          .orElse(fallback);
    }

    /** The calls of a budget written {@code 600/1m} (calls per window). */
    int budgetCalls(String name, int fallback) {
      return optional(name)
          .map(v -> parse(name, budgetPart(name, v, 0), Integer::parseInt))
          .orElse(fallback);
    }

    /** The window of a budget written {@code 600/1m}. */
    Duration budgetWindow(String name, Duration fallback) {
      return optional(name).map(v -> parseDuration(name, budgetPart(name, v, 1))).orElse(fallback);
    }

    private static String budgetPart(String name, String value, int part) {
      String[] parts = value.split("/");
      if (parts.length != 2) {
        throw new IllegalArgumentException(name + " must be calls/window such as 600/1m: " + value);
      }
      return parts[part].trim();
    }

    /** {@code namespace=roleArn,namespace=roleArn}. */
    Map<String, String> roles(String name) {
      Map<String, String> roles = new java.util.TreeMap<>();
      for (String entry : list(name)) {
        int eq = entry.indexOf('=');
        String role = eq < 0 ? "" : entry.substring(eq + 1).trim();
        if (eq <= 0 || !role.matches(LightsailSpec.ROLE_ARN_PATTERN)) {
          throw new IllegalArgumentException(
              name
                  + " must be namespace=arn:aws:iam::ACCOUNT:role/NAME pairs separated by commas: "
                  + entry);
        }
        roles.put(entry.substring(0, eq).trim(), role);
      }
      return Map.copyOf(roles);
    }

    Optional<URI> uri(String name) {
      return optional(name).map(v -> parse(name, v, URI::create));
    }

    /** Accepts ISO-8601 (PT30S) or a number with a unit: 500ms, 30s, 5m, 1h. */
    private static Duration parseDuration(String name, String value) {
      String v = value.toLowerCase(java.util.Locale.ROOT);
      try {
        if (v.startsWith("pt")) {
          return Duration.parse(value);
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long amount = Long.parseLong(v.substring(0, v.length() - 1));
        switch (v.charAt(v.length() - 1)) {
          case 's':
            return Duration.ofSeconds(amount);
          case 'm':
            return Duration.ofMinutes(amount);
          case 'h':
            return Duration.ofHours(amount);
          default:
            throw new IllegalArgumentException();
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            name + " must be a duration such as 500ms, 30s, 5m or PT30S: " + value, e);
      }
    }

    private static <T> T parse(
        String name, String value, java.util.function.Function<String, T> f) {
      try {
        return f.apply(value);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(name + " is not valid: " + value, e);
      }
    }
  }
}
