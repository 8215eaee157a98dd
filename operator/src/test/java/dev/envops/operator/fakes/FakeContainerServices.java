package dev.envops.operator.fakes;

import dev.envops.operator.lightsail.ContainerServicePort;
import dev.envops.operator.lightsail.DeploymentRejected;
import dev.envops.operator.lightsail.DesiredDeployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeployment;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeploymentState;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceState;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;

/**
 * In-memory container services of one account: what {@link #put} set is what every read answers (no
 * shared view, no ages); writes change it the way Lightsail would at once, and are recorded in
 * {@link #calls()}.
 */
public final class FakeContainerServices implements ContainerServicePort {

  private final Map<String, ContainerService> services = new HashMap<>();
  private final Map<String, List<ContainerServiceDeployment>> deployments = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private RuntimeException deployFailure;

  /** Sets the service as every later read sees it. */
  public FakeContainerServices put(String region, ContainerService service) {
    services.put(key(region, service.containerServiceName()), service);
    return this;
  }

  /** Adds a deployment to the service's history (what {@link #failedAttempt} reads). */
  public FakeContainerServices history(
      String region, String name, ContainerServiceDeployment deployment) {
    deployments.computeIfAbsent(key(region, name), k -> new ArrayList<>()).add(deployment);
    return this;
  }

  /** The next deploy() is refused as invalid, Lightsail saying {@code message}. */
  public FakeContainerServices rejectNextDeploy(String message) {
    deployFailure =
        new DeploymentRejected(message, InvalidInputException.builder().message(message).build());
    return this;
  }

  /** The service as it is now, if any. */
  public Optional<ContainerService> get(String region, String name) {
    return Optional.ofNullable(services.get(key(region, name)));
  }

  /** Calls made, in order: "steady r/n", "current r/n", "create r/n", "deploy r/n image", ... */
  public List<String> calls() {
    return calls;
  }

  /** The writes only (create, update, deploy, delete). */
  public List<String> writes() {
    return calls.stream()
        .filter(
            c ->
                c.startsWith("create")
                    || c.startsWith("update")
                    || c.startsWith("deploy")
                    || c.startsWith("delete"))
        .toList();
  }

  @Override
  public Observation steady(String region, String name) {
    calls.add("steady " + key(region, name));
    return new Observation(get(region, name), true);
  }

  @Override
  public Observation current(String region, String name) {
    calls.add("current " + key(region, name));
    return new Observation(get(region, name), false);
  }

  @Override
  public ContainerService create(
      String region, String name, String power, int scale, Map<String, String> tags) {
    calls.add("create " + key(region, name) + " " + power + " x" + scale);
    ContainerService created =
        Lightsail.service(name, ContainerServiceState.PENDING, "")
            .power(power)
            .scale(scale)
            .build();
    put(region, created);
    return created;
  }

  @Override
  public ContainerService update(String region, String name, String power, int scale) {
    calls.add("update " + key(region, name) + " " + power + " x" + scale);
    ContainerService updated =
        existing(region, name).toBuilder()
            .state(ContainerServiceState.UPDATING)
            .power(power)
            .scale(scale)
            .build();
    put(region, updated);
    return updated;
  }

  @Override
  public ContainerService deploy(String region, String name, DesiredDeployment desired) {
    calls.add("deploy " + key(region, name) + " " + desired.image());
    if (deployFailure != null) {
      RuntimeException e = deployFailure;
      deployFailure = null;
      throw e;
    }
    ContainerService service = existing(region, name);
    int version =
        deployments.getOrDefault(key(region, name), List.of()).stream()
                .mapToInt(ContainerServiceDeployment::version)
                .max()
                .orElse(
                    service.currentDeployment() == null ? 0 : service.currentDeployment().version())
            + 1;
    ContainerServiceDeployment next =
        Lightsail.deployment(version, ContainerServiceDeploymentState.ACTIVATING, desired);
    history(region, name, next);
    ContainerService answer =
        service.toBuilder().state(ContainerServiceState.DEPLOYING).nextDeployment(next).build();
    put(region, answer);
    return answer;
  }

  @Override
  public boolean delete(String region, String name) {
    calls.add("delete " + key(region, name));
    deployments.remove(key(region, name));
    return services.remove(key(region, name)) != null;
  }

  /** As Lightsail's list: the newest deployment of {@code desired} above serving, if FAILED. */
  @Override
  public Optional<FailedAttempt> failedAttempt(
      String region, String name, DesiredDeployment desired, int servingVersion) {
    calls.add("failedAttempt " + key(region, name));
    List<ContainerServiceDeployment> tries =
        deployments.getOrDefault(key(region, name), List.of()).stream()
            .filter(desired::matches)
            .filter(d -> d.version() > servingVersion)
            .sorted((a, b) -> Integer.compare(b.version(), a.version()))
            .toList();
    int failures =
        (int)
            tries.stream().filter(d -> d.state() == ContainerServiceDeploymentState.FAILED).count();
    return tries.stream()
        .findFirst()
        .filter(d -> d.state() == ContainerServiceDeploymentState.FAILED)
        .map(d -> new FailedAttempt(d, failures));
  }

  private ContainerService existing(String region, String name) {
    ContainerService service = services.get(key(region, name));
    if (service == null) {
      throw new IllegalStateException("no service " + key(region, name) + " in the fake");
    }
    return service;
  }

  private static String key(String region, String name) {
    return region + "/" + name;
  }
}
