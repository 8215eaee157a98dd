package dev.envops.sandbox.lightsail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mutable state of one container service. Guarded by the simulator's lock. */
final class ContainerServiceRecord {

  static final int KEPT_DEPLOYMENTS = 50;
  static final int MAX_LOG_EVENTS = 1000;

  /** One line of a container's log. */
  record LogEvent(String container, Instant createdAt, String message) {}

  final String name;
  final String arn;
  final String account;
  final String region;
  final Instant createdAt;
  final Map<String, String> tags;
  final String principalArn;
  final String defaultUrl;
  final String pullerPrincipalArn;
  String power;
  int scale;
  boolean isDisabled;
  boolean pullerActive;

  /** True once the puller role exists and its principal shows (a while after activation). */
  boolean pullerVisible;

  /** Bumped on each activation of the role, so a stale scheduled appearance does nothing. */
  int pullerGeneration;

  final List<LogEvent> log = new ArrayList<>();
  ServiceState state = ServiceState.PENDING;
  String stateDetailCode = "CREATING_SYSTEM_RESOURCES";
  String runtimeUrl;
  Deployment current;
  Deployment next;
  final List<Deployment> deployments = new ArrayList<>();
  int lastVersion;

  ContainerServiceRecord(
      String name,
      String arn,
      String account,
      String region,
      Instant createdAt,
      Map<String, String> tags,
      String principalArn,
      String defaultUrl,
      String pullerPrincipalArn) {
    this.name = name;
    this.arn = arn;
    this.account = account;
    this.region = region;
    this.createdAt = createdAt;
    this.tags = Map.copyOf(tags);
    this.principalArn = principalArn;
    this.defaultUrl = defaultUrl;
    this.pullerPrincipalArn = pullerPrincipalArn;
  }

  Deployment addDeployment(DeploymentRequest request, Instant now) {
    Deployment deployment = new Deployment(++lastVersion, request, now);
    deployments.add(deployment);
    while (deployments.size() > KEPT_DEPLOYMENTS) {
      Optional<Deployment> oldest =
          deployments.stream().filter(old -> old != current && old != next).findFirst();
      if (oldest.isEmpty()) {
        break;
      }
      deployments.remove(oldest.get());
    }
    return deployment;
  }

  /** The puller role's principal once it shows, else null. */
  String pullerPrincipal() {
    return pullerActive && pullerVisible ? pullerPrincipalArn : null;
  }

  /** Appends a line to the container's log (what {@code GetContainerLog} returns). */
  void log(String container, Instant at, String message) {
    log.add(new LogEvent(container, at, message));
    while (log.size() > MAX_LOG_EVENTS) {
      log.remove(0);
    }
  }

  Deployment newest() {
    return deployments.isEmpty() ? null : deployments.get(deployments.size() - 1);
  }

  /** The state the service rests in once nothing is moving. */
  ServiceState settledState() {
    if (isDisabled) {
      return ServiceState.DISABLED;
    }
    return current == null ? ServiceState.READY : ServiceState.RUNNING;
  }

  void settle() {
    state = settledState();
    stateDetailCode = null;
  }

  String url() {
    return runtimeUrl != null ? runtimeUrl : defaultUrl;
  }

  ContainerServiceSnapshot snapshot() {
    List<DeploymentSnapshot> kept =
        deployments.stream()
            .sorted(Comparator.comparingInt((Deployment d) -> d.version).reversed())
            .map(Deployment::snapshot)
            .toList();
    return new ContainerServiceSnapshot(
        name,
        arn,
        account,
        region,
        createdAt,
        state,
        Optional.ofNullable(stateDetailCode),
        power,
        scale,
        isDisabled,
        tags,
        principalArn,
        new EcrPullerRole(pullerActive, pullerPrincipal() == null ? "" : pullerPrincipalArn),
        url(),
        Optional.ofNullable(current).map(Deployment::snapshot),
        Optional.ofNullable(next).map(Deployment::snapshot),
        kept);
  }
}
