package dev.envops.sandbox.lightsail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.sandbox.aws.AwsCall;
import dev.envops.sandbox.aws.AwsErrorException;
import dev.envops.sandbox.aws.AwsJson;
import dev.envops.sandbox.aws.AwsJsonService;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.ecr.EcrSimulator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated Lightsail container services: services become READY after a delay, deployments
 * activate after a delay and end ACTIVE or FAILED as the {@link ContainerRuntime} decides.
 * State advances on its own scheduler, whether or not anyone polls.
 */
public final class LightsailSimulator extends AwsJsonService implements AutoCloseable {

  public static final String TARGET_PREFIX = "Lightsail_20161128";

  private static final Logger LOG = LoggerFactory.getLogger(LightsailSimulator.class);
  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final Object lock = new Object();
  private final Map<String, ContainerServiceRecord> services = new HashMap<>();
  private final EcrSimulator ecr;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(daemon("lightsail-simulator-clock"));
  private final ExecutorService activations =
      Executors.newCachedThreadPool(daemon("lightsail-simulator-runtime"));
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private volatile Duration serviceReadyDelay = Duration.ofSeconds(1);
  private volatile Duration activationDelay = Duration.ofSeconds(2);
  private volatile ContainerRuntime runtime = ContainerRuntime.healthyUnlessImageSaysBroken();
  private volatile boolean requireEcrPullAccess = true;

  /** A simulator whose deployments of private ECR images are checked against {@code ecr}. */
  public LightsailSimulator(EcrSimulator ecr) {
    super(TARGET_PREFIX);
    this.ecr = ecr;
  }

  /** How long a service stays PENDING (and UPDATING, DELETING). */
  public LightsailSimulator serviceReadyDelay(Duration delay) {
    this.serviceReadyDelay = delay;
    return this;
  }

  /** How long a deployment stays ACTIVATING before the runtime decides its fate. */
  public LightsailSimulator activationDelay(Duration delay) {
    this.activationDelay = delay;
    return this;
  }

  /** Replaces the runtime that decides whether activating deployments are healthy. */
  public LightsailSimulator runtime(ContainerRuntime runtime) {
    this.runtime = runtime;
    return this;
  }

  /**
   * Whether deployments of this account's ECR images fail unless the service's puller role is
   * active, the image exists and the repository policy grants the role (default true, as AWS).
   */
  public LightsailSimulator requireEcrPullAccess(boolean required) {
    this.requireEcrPullAccess = required;
    return this;
  }

  /** A snapshot of the named service, if it exists. */
  public Optional<ContainerServiceSnapshot> service(String name) {
    synchronized (lock) {
      return Optional.ofNullable(services.get(name)).map(ContainerServiceRecord::snapshot);
    }
  }

  /** Snapshots of every service, by name. */
  public List<ContainerServiceSnapshot> services() {
    synchronized (lock) {
      return services.values().stream()
          .map(ContainerServiceRecord::snapshot)
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .toList();
    }
  }

  /**
   * Simulates a person deploying by hand (drift): a new deployment copying the current one, with
   * the serving container's image and environment replaced. Not recorded as an API call.
   *
   * @return the new deployment's version
   */
  public int deployOutOfBand(String serviceName, String image, Map<String, String> environment) {
    synchronized (lock) {
      ContainerServiceRecord service = services.get(serviceName);
      if (service == null) {
        throw new IllegalStateException("no container service " + serviceName);
      }
      Deployment base = service.current != null ? service.current
          : service.deployments.isEmpty() ? null : service.deployments.get(service.deployments.size() - 1);
      if (base == null) {
        throw new IllegalStateException(serviceName + " has no deployment to change by hand");
      }
      String containerName = base.publicEndpoint != null ? base.publicEndpoint.containerName()
          : base.containers.keySet().iterator().next();
      Map<String, ContainerSpec> containers = new LinkedHashMap<>(base.containers);
      containers.put(containerName,
          containers.get(containerName).withImageAndEnvironment(image, environment));
      try {
        return startDeployment(service, new DeploymentRequest(containers, base.publicEndpoint))
            .version;
      } catch (AwsErrorException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    activations.shutdownNow();
  }

  @Override
  protected String serverErrorType() {
    return "ServiceException";
  }

  @Override
  protected JsonNode handle(AwsCall call) {
    synchronized (lock) {
      return switch (call.operation()) {
        case "GetContainerServices" -> getContainerServices(call);
        case "CreateContainerService" -> createContainerService(call);
        case "UpdateContainerService" -> updateContainerService(call);
        case "CreateContainerServiceDeployment" -> createDeployment(call);
        case "GetContainerServiceDeployments" -> getDeployments(call);
        case "DeleteContainerService" -> deleteContainerService(call);
        default -> throw AwsErrorException.badRequest("UnknownOperationException",
            "The simulator does not implement " + call.operation());
      };
    }
  }

  private JsonNode getContainerServices(AwsCall call) {
    ObjectNode response = AwsJson.object();
    ArrayNode list = response.putArray("containerServices");
    if (call.body().hasNonNull("serviceName")) {
      list.add(LightsailJsonWriter.service(existing(call).snapshot()));
    } else {
      services.values().stream()
          .map(ContainerServiceRecord::snapshot)
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .forEach(service -> list.add(LightsailJsonWriter.service(service)));
    }
    return response;
  }

  private JsonNode createContainerService(AwsCall call) {
    JsonNode body = call.body();
    String name = LightsailRequests.serviceName(body);
    String power = LightsailRequests.power(body.get("power"));
    int scale = LightsailRequests.scale(body.get("scale"));
    DeploymentRequest deployment =
        body.hasNonNull("deployment") ? LightsailRequests.deployment(body.get("deployment")) : null;
    if (services.containsKey(name)) {
      throw LightsailRequests.invalid("A container service named " + name + " already exists");
    }
    String region = call.region();
    String roleBase = "arn:aws:iam::" + AwsSimulator.ACCOUNT_ID + ":role/amazon/lightsail/"
        + region + "/containers/" + name + "/";
    ContainerServiceRecord service = new ContainerServiceRecord(name,
        "arn:aws:lightsail:" + region + ":" + AwsSimulator.ACCOUNT_ID + ":ContainerService/"
            + UUID.randomUUID(),
        region, clock.instant(), LightsailRequests.tags(body.get("tags")),
        roleBase + randomToken(52),
        "https://" + name + "." + randomToken(13) + "." + region + ".cs.amazonlightsail.com/",
        roleBase + "private-repo-access/" + randomToken(52));
    service.power = power;
    service.scale = scale;
    service.pullerActive = Boolean.TRUE.equals(LightsailRequests.pullerActive(body));
    if (deployment != null) {
      service.next = service.addDeployment(deployment, clock.instant());
    }
    services.put(name, service);
    after(serviceReadyDelay, () -> becomeReady(service));
    return serviceResponse(service);
  }

  private void becomeReady(ContainerServiceRecord service) {
    if (services.get(service.name) != service || service.state != ServiceState.PENDING) {
      return;
    }
    if (service.next != null) {
      service.state = ServiceState.DEPLOYING;
      service.stateDetailCode = "CREATING_DEPLOYMENT";
      scheduleActivation(service, service.next);
    } else {
      service.settle();
    }
  }

  private JsonNode updateContainerService(AwsCall call) {
    ContainerServiceRecord service = existing(call);
    JsonNode body = call.body();
    if (service.state == ServiceState.DELETING) {
      throw LightsailRequests.invalid(service.name + " is being deleted");
    }
    String power = body.hasNonNull("power") ? LightsailRequests.power(body.get("power")) : null;
    Integer scale = body.hasNonNull("scale") ? LightsailRequests.scale(body.get("scale")) : null;
    Boolean disabled = body.hasNonNull("isDisabled") ? body.get("isDisabled").asBoolean() : null;
    boolean capacityChange = (power != null && !power.equals(service.power))
        || (scale != null && scale != service.scale)
        || (disabled != null && disabled != service.isDisabled);
    if (capacityChange && !isSettled(service)) {
      throw LightsailRequests.invalid("Cannot update " + service.name + " while it is "
          + service.state);
    }
    Boolean pullerActive = LightsailRequests.pullerActive(body);
    if (pullerActive != null) {
      service.pullerActive = pullerActive;
    }
    if (capacityChange) {
      service.power = power != null ? power : service.power;
      service.scale = scale != null ? scale : service.scale;
      service.isDisabled = disabled != null ? disabled : service.isDisabled;
      service.state = ServiceState.UPDATING;
      service.stateDetailCode = "PROVISIONING_SERVICE";
      after(serviceReadyDelay, () -> {
        if (services.get(service.name) == service && service.state == ServiceState.UPDATING) {
          service.settle();
        }
      });
    }
    return serviceResponse(service);
  }

  private JsonNode createDeployment(AwsCall call) {
    ContainerServiceRecord service = existing(call);
    DeploymentRequest request = LightsailRequests.deployment(call.body());
    startDeployment(service, request);
    return serviceResponse(service);
  }

  private Deployment startDeployment(ContainerServiceRecord service, DeploymentRequest request) {
    if (!isSettled(service) || service.state == ServiceState.DISABLED) {
      throw LightsailRequests.invalid("Cannot create a deployment while the container service "
          + service.name + " is " + service.state);
    }
    Deployment deployment = service.addDeployment(request, clock.instant());
    service.next = deployment;
    service.state = ServiceState.DEPLOYING;
    service.stateDetailCode = "CREATING_DEPLOYMENT";
    scheduleActivation(service, deployment);
    return deployment;
  }

  private static boolean isSettled(ContainerServiceRecord service) {
    return service.next == null && (service.state == ServiceState.READY
        || service.state == ServiceState.RUNNING || service.state == ServiceState.DISABLED);
  }

  private void scheduleActivation(ContainerServiceRecord service, Deployment deployment) {
    after(activationDelay, () -> {
      if (services.get(service.name) != service || service.next != deployment) {
        return;
      }
      service.stateDetailCode = "ACTIVATING_DEPLOYMENT";
      DeploymentSnapshot snapshot = deployment.snapshot();
      boolean checkPulls = requireEcrPullAccess;
      String puller = service.pullerActive ? service.pullerPrincipalArn : null;
      activations.execute(() -> finishActivation(service, deployment,
          activate(service.name, snapshot, checkPulls, puller)));
    });
  }

  private Activation activate(String serviceName, DeploymentSnapshot deployment,
      boolean checkPulls, String pullerPrincipal) {
    if (checkPulls) {
      for (ContainerSpec container : deployment.containers().values()) {
        Optional<String> denial = ecr.pullDenial(container.image(), pullerPrincipal);
        if (denial.isPresent()) {
          return Activation.failed(denial.get());
        }
      }
    }
    try {
      return runtime.activate(serviceName, deployment);
    } catch (RuntimeException e) {
      return Activation.failed("runtime failed: " + e);
    }
  }

  private void finishActivation(ContainerServiceRecord service, Deployment deployment,
      Activation activation) {
    synchronized (lock) {
      if (services.get(service.name) != service || service.next != deployment) {
        return;
      }
      service.next = null;
      if (activation.healthy()) {
        if (service.current != null) {
          service.current.state = DeploymentState.INACTIVE;
        }
        deployment.state = DeploymentState.ACTIVE;
        service.current = deployment;
        activation.url().ifPresent(url -> service.runtimeUrl = url.toString());
      } else {
        deployment.state = DeploymentState.FAILED;
        LOG.info("deployment {} of {} failed: {}", deployment.version, service.name,
            activation.message());
      }
      service.settle();
    }
  }

  private JsonNode getDeployments(AwsCall call) {
    ObjectNode response = AwsJson.object();
    ArrayNode list = response.putArray("deployments");
    existing(call).snapshot().deployments()
        .forEach(deployment -> list.add(LightsailJsonWriter.deployment(deployment)));
    return response;
  }

  private JsonNode deleteContainerService(AwsCall call) {
    ContainerServiceRecord service = existing(call);
    if (service.state != ServiceState.DELETING) {
      service.state = ServiceState.DELETING;
      service.stateDetailCode = null;
      service.next = null;
      ContainerRuntime stopping = runtime;
      activations.execute(() -> stopping.stop(service.name));
      after(serviceReadyDelay, () -> services.remove(service.name, service));
    }
    return AwsJson.object();
  }

  private ContainerServiceRecord existing(AwsCall call) {
    String name = LightsailRequests.serviceName(call.body());
    ContainerServiceRecord service = services.get(name);
    if (service == null) {
      throw AwsErrorException.badRequest("NotFoundException",
          "The container service " + name + " does not exist");
    }
    return service;
  }

  private static ObjectNode serviceResponse(ContainerServiceRecord service) {
    ObjectNode response = AwsJson.object();
    response.set("containerService", LightsailJsonWriter.service(service.snapshot()));
    return response;
  }

  /** Runs {@code transition} under the lock after {@code delay}. */
  private void after(Duration delay, Runnable transition) {
    scheduler.schedule(() -> {
      synchronized (lock) {
        transition.run();
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private String randomToken(int length) {
    StringBuilder token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      token.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return token.toString();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
