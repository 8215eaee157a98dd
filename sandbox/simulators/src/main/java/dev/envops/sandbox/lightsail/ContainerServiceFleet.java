package dev.envops.sandbox.lightsail;

import dev.envops.sandbox.aws.AwsErrorException;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.ecr.EcrSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container services and their state machines. One lock guards every service; transitions run
 * on a scheduler so state advances whether or not anyone polls, and the runtime is called off the
 * lock.
 */
final class ContainerServiceFleet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerServiceFleet.class);

  private final Object lock = new Object();
  private final Map<String, ContainerServiceRecord> services = new HashMap<>();
  private final EcrSimulator ecr;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(daemon("lightsail-simulator-clock"));
  private final ExecutorService activations =
      Executors.newCachedThreadPool(daemon("lightsail-simulator-runtime"));
  private final Clock clock = Clock.systemUTC();
  volatile Duration serviceReadyDelay = Duration.ofSeconds(1);
  volatile Duration activationDelay = Duration.ofSeconds(2);
  volatile ContainerRuntime runtime = ContainerRuntime.healthyUnlessImageSaysBroken();
  volatile boolean requireEcrPullAccess = true;
  volatile Duration pullerRoleDelay = Duration.ofSeconds(30);
  volatile Duration iamPropagationDelay = Duration.ofSeconds(5);
  volatile String absentServiceError = "NotFoundException";
  volatile int maxServicesPerRegion = 100;
  volatile int maxServicesChanging = 5;

  ContainerServiceFleet(EcrSimulator ecr) {
    this.ecr = ecr;
  }

  Optional<ContainerServiceSnapshot> find(String account, String region, String name) {
    synchronized (lock) {
      return Optional.ofNullable(services.get(key(account, region, name)))
          .map(ContainerServiceRecord::snapshot);
    }
  }

  /** The service of that name in any region, the default account's first (test convenience). */
  Optional<ContainerServiceSnapshot> findAnywhere(String name) {
    synchronized (lock) {
      return byName(name).map(ContainerServiceRecord::snapshot);
    }
  }

  List<ContainerServiceSnapshot> all() {
    synchronized (lock) {
      return services.values().stream()
          .map(ContainerServiceRecord::snapshot)
          .sorted(
              Comparator.comparing(ContainerServiceSnapshot::name)
                  .thenComparing(ContainerServiceSnapshot::account)
                  .thenComparing(ContainerServiceSnapshot::region))
          .toList();
    }
  }

  /** The services of one account in one region (what a list call of that region returns). */
  List<ContainerServiceSnapshot> inRegion(String account, String region) {
    synchronized (lock) {
      return services.values().stream()
          .filter(s -> s.account.equals(account) && s.region.equals(region))
          .map(ContainerServiceRecord::snapshot)
          .sorted(Comparator.comparing(ContainerServiceSnapshot::name))
          .toList();
    }
  }

  /** The named service; the absent-service error when it does not exist. */
  ContainerServiceSnapshot existing(String account, String region, String name) {
    synchronized (lock) {
      return record(account, region, name).snapshot();
    }
  }

  /** The container's log lines, oldest first. */
  List<ContainerServiceRecord.LogEvent> log(
      String account, String region, String name, String container) {
    synchronized (lock) {
      return record(account, region, name).log.stream()
          .filter(e -> e.container().equals(container))
          .toList();
    }
  }

  ContainerServiceSnapshot create(ServiceRequest request) {
    synchronized (lock) {
      String key = key(request.account(), request.region(), request.name());
      if (services.containsKey(key)) {
        throw LightsailRequests.invalid(
            "A container service named " + request.name() + " already exists");
      }
      List<ContainerServiceRecord> inRegion =
          services.values().stream()
              .filter(s -> s.account.equals(request.account()) && s.region.equals(request.region()))
              .toList();
      if (inRegion.size() >= maxServicesPerRegion) {
        throw LightsailRequests.invalid(
            "You have reached the quota of "
                + maxServicesPerRegion
                + " container services in "
                + request.region());
      }
      checkChangingQuota(request.account(), request.region());
      String roleBase =
          "arn:aws:iam::"
              + request.account()
              + ":role/amazon/lightsail/"
              + request.region()
              + "/containers/"
              + request.name()
              + "/";
      ContainerServiceRecord service =
          new ContainerServiceRecord(
              request.name(),
              "arn:aws:lightsail:"
                  + request.region()
                  + ":"
                  + request.account()
                  + ":ContainerService/"
                  + UUID.randomUUID(),
              request.account(),
              request.region(),
              clock.instant(),
              request.tags(),
              roleBase + RandomTokens.of(52),
              "https://"
                  + request.name()
                  + "."
                  + RandomTokens.of(13)
                  + "."
                  + request.region()
                  + ".cs.amazonlightsail.com/",
              roleBase + "private-repo-access/" + RandomTokens.of(52));
      service.power = request.power();
      service.scale = request.scale();
      if (request.deployment() != null) {
        service.next = service.addDeployment(request.deployment(), clock.instant());
      }
      services.put(key, service);
      setPuller(service, request.pullerActive());
      after(serviceReadyDelay, () -> becomeReady(service));
      return service.snapshot();
    }
  }

  ContainerServiceSnapshot update(
      String account, String region, String name, ServiceUpdate update) {
    synchronized (lock) {
      ContainerServiceRecord service = record(account, region, name);
      if (service.state == ServiceState.DELETING) {
        throw LightsailRequests.invalid(name + " is being deleted");
      }
      boolean capacityChange =
          (update.power() != null && !update.power().equals(service.power))
              || (update.scale() != null && update.scale() != service.scale)
              || (update.isDisabled() != null && update.isDisabled() != service.isDisabled);
      if (capacityChange && !isSettled(service)) {
        throw LightsailRequests.invalid("Cannot update " + name + " while it is " + service.state);
      }
      if (capacityChange) {
        checkChangingQuota(account, region);
      }
      if (update.pullerActive() != null) {
        setPuller(service, update.pullerActive());
      }
      if (capacityChange) {
        service.power = Optional.ofNullable(update.power()).orElse(service.power);
        service.scale = Optional.ofNullable(update.scale()).orElse(service.scale);
        service.isDisabled = Optional.ofNullable(update.isDisabled()).orElse(service.isDisabled);
        service.state = ServiceState.UPDATING;
        service.stateDetailCode = "PROVISIONING_SERVICE";
        after(
            serviceReadyDelay,
            () -> {
              if (isCurrent(service) && service.state == ServiceState.UPDATING) {
                service.settle();
              }
            });
      }
      return service.snapshot();
    }
  }

  ContainerServiceSnapshot deploy(
      String account, String region, String name, DeploymentRequest request) {
    synchronized (lock) {
      ContainerServiceRecord service = record(account, region, name);
      startDeployment(service, request);
      return service.snapshot();
    }
  }

  /** A deployment copying the newest one, with the serving container's image and env replaced. */
  int deployOutOfBand(String name, String image, Map<String, String> environment) {
    synchronized (lock) {
      ContainerServiceRecord service =
          byName(name).orElseThrow(() -> new IllegalStateException("no container service " + name));
      Deployment base = service.current != null ? service.current : service.newest();
      if (base == null) {
        throw new IllegalStateException(name + " has no deployment to change by hand");
      }
      String containerName =
          base.publicEndpoint != null
              ? base.publicEndpoint.containerName()
              : base.containers.keySet().iterator().next();
      Map<String, ContainerSpec> containers = new LinkedHashMap<>(base.containers);
      containers.put(
          containerName, containers.get(containerName).withImageAndEnvironment(image, environment));
      try {
        return startDeployment(service, new DeploymentRequest(containers, base.publicEndpoint))
            .version;
      } catch (AwsErrorException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  void delete(String account, String region, String name) {
    synchronized (lock) {
      ContainerServiceRecord service = record(account, region, name);
      if (service.state == ServiceState.DELETING) {
        return;
      }
      service.state = ServiceState.DELETING;
      service.stateDetailCode = null;
      service.next = null;
      ContainerRuntime stopping = runtime;
      activations.execute(() -> stopping.stop(name));
      after(serviceReadyDelay, () -> services.remove(key(account, region, name), service));
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    activations.shutdownNow();
  }

  private void becomeReady(ContainerServiceRecord service) {
    if (!isCurrent(service) || service.state != ServiceState.PENDING) {
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

  private Deployment startDeployment(ContainerServiceRecord service, DeploymentRequest request) {
    if (!isSettled(service) || service.state == ServiceState.DISABLED) {
      throw LightsailRequests.invalid(
          "Cannot create a deployment while the container service "
              + service.name
              + " is "
              + service.state);
    }
    Deployment deployment = service.addDeployment(request, clock.instant());
    log(service, deployment, "Creating your deployment");
    service.next = deployment;
    service.state = ServiceState.DEPLOYING;
    service.stateDetailCode = "CREATING_DEPLOYMENT";
    scheduleActivation(service, deployment);
    return deployment;
  }

  private static boolean isSettled(ContainerServiceRecord service) {
    return service.next == null
        && (service.state == ServiceState.READY
            || service.state == ServiceState.RUNNING
            || service.state == ServiceState.DISABLED);
  }

  private boolean isCurrent(ContainerServiceRecord service) {
    return services.get(key(service.account, service.region, service.name)) == service;
  }

  /**
   * Turns the ECR image puller role on or off. Turned on, the role's principal shows only after
   * {@link #pullerRoleDelay} (the guide: wait at least 30 s), and IAM knows it {@link
   * #iamPropagationDelay} later still: until then ECR refuses a policy naming it.
   */
  private void setPuller(ContainerServiceRecord service, boolean active) {
    if (active == service.pullerActive) {
      return;
    }
    service.pullerActive = active;
    service.pullerVisible = false;
    int generation = ++service.pullerGeneration;
    if (!active) {
      return;
    }
    Runnable appear =
        () -> {
          if (service.pullerActive && service.pullerGeneration == generation) {
            service.pullerVisible = true;
            Runnable known = () -> ecr.iam().add(service.pullerPrincipalArn);
            if (iamPropagationDelay.isZero()) {
              known.run();
            } else {
              after(iamPropagationDelay, known);
            }
          }
        };
    if (pullerRoleDelay.isZero()) {
      appear.run();
    } else {
      after(pullerRoleDelay, appear);
    }
  }

  /** At most {@link #maxServicesChanging} services of a region are created or updated at once. */
  private void checkChangingQuota(String account, String region) {
    long changing =
        services.values().stream()
            .filter(s -> s.account.equals(account) && s.region.equals(region))
            .filter(s -> s.state == ServiceState.PENDING || s.state == ServiceState.UPDATING)
            .count();
    if (changing >= maxServicesChanging) {
      throw LightsailRequests.invalid(
          changing
              + " container services in "
              + region
              + " are being created or updated; at most "
              + maxServicesChanging
              + " can be at once. Try again later");
    }
  }

  private void log(ContainerServiceRecord service, Deployment deployment, String message) {
    Instant now = clock.instant();
    deployment
        .containers
        .keySet()
        .forEach(c -> service.log(c, now, "[deployment:" + deployment.version + "] " + message));
  }

  private void scheduleActivation(ContainerServiceRecord service, Deployment deployment) {
    after(
        activationDelay,
        () -> {
          if (!isCurrent(service) || service.next != deployment) {
            return;
          }
          service.stateDetailCode = "ACTIVATING_DEPLOYMENT";
          DeploymentSnapshot snapshot = deployment.snapshot();
          String puller = service.pullerPrincipal();
          activations.execute(
              () -> finishActivation(service, deployment, activate(service, snapshot, puller)));
        });
  }

  private Activation activate(
      ContainerServiceRecord service, DeploymentSnapshot deployment, String puller) {
    String name = service.name;
    if (requireEcrPullAccess) {
      for (ContainerSpec container : deployment.containers().values()) {
        Optional<String> denial =
            ecr.pullDenial(container.image(), puller, service.account, service.region);
        if (denial.isPresent()) {
          return Activation.failed(denial.get());
        }
      }
    }
    try {
      return runtime.activate(name, deployment);
    } catch (RuntimeException e) {
      return Activation.failed("runtime failed: " + e);
    }
  }

  private void finishActivation(
      ContainerServiceRecord service, Deployment deployment, Activation activation) {
    synchronized (lock) {
      if (!isCurrent(service) || service.next != deployment) {
        return;
      }
      service.next = null;
      if (activation.healthy()) {
        if (service.current != null) {
          service.current.state = DeploymentState.INACTIVE;
        }
        deployment.state = DeploymentState.ACTIVE;
        service.current = deployment;
        log(service, deployment, "Started " + service.scale + " new node(s)");
        log(service, deployment, "Reached a steady state");
        activation.url().ifPresent(url -> service.runtimeUrl = url.toString());
      } else {
        deployment.state = DeploymentState.FAILED;
        deployment.failureMessage = activation.message();
        log(service, deployment, "Deployment failed: " + activation.message());
        LOG.info(
            "deployment {} of {} failed: {}",
            deployment.version,
            service.name,
            activation.message());
      }
      service.settle();
    }
  }

  private ContainerServiceRecord record(String account, String region, String name) {
    ContainerServiceRecord service = services.get(key(account, region, name));
    if (service == null) {
      throw AwsErrorException.badRequest(
          absentServiceError, "The container service " + name + " does not exist");
    }
    return service;
  }

  private Optional<ContainerServiceRecord> byName(String name) {
    return services.values().stream()
        .filter(s -> s.name.equals(name))
        .min(
            Comparator.comparing(
                    (ContainerServiceRecord s) -> !s.account.equals(AwsSimulator.ACCOUNT_ID))
                .thenComparing(s -> !s.region.equals(AwsSimulator.DEFAULT_REGION))
                .thenComparing(s -> s.account + "/" + s.region));
  }

  private static String key(String account, String region, String name) {
    return account + "/" + region + "/" + name;
  }

  /** Runs {@code transition} under the lock after {@code delay}. */
  private void after(Duration delay, Runnable transition) {
    scheduler.schedule(
        () -> {
          synchronized (lock) {
            transition.run();
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
