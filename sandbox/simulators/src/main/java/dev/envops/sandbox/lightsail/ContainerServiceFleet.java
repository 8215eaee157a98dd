package dev.envops.sandbox.lightsail;

import dev.envops.sandbox.aws.AwsErrorException;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.ecr.EcrSimulator;
import java.time.Clock;
import java.time.Duration;
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

  ContainerServiceFleet(EcrSimulator ecr) {
    this.ecr = ecr;
  }

  Optional<ContainerServiceSnapshot> find(String name) {
    synchronized (lock) {
      return Optional.ofNullable(services.get(name)).map(ContainerServiceRecord::snapshot);
    }
  }

  List<ContainerServiceSnapshot> all() {
    synchronized (lock) {
      return services.values().stream()
          .map(ContainerServiceRecord::snapshot)
          .sorted(Comparator.comparing(ContainerServiceSnapshot::name))
          .toList();
    }
  }

  /** The named service; {@code NotFoundException} when it does not exist. */
  ContainerServiceSnapshot existing(String name) {
    synchronized (lock) {
      return record(name).snapshot();
    }
  }

  ContainerServiceSnapshot create(ServiceRequest request) {
    synchronized (lock) {
      if (services.containsKey(request.name())) {
        throw LightsailRequests.invalid(
            "A container service named " + request.name() + " already exists");
      }
      String roleBase =
          "arn:aws:iam::"
              + AwsSimulator.ACCOUNT_ID
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
                  + AwsSimulator.ACCOUNT_ID
                  + ":ContainerService/"
                  + UUID.randomUUID(),
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
      service.pullerActive = request.pullerActive();
      if (request.deployment() != null) {
        service.next = service.addDeployment(request.deployment(), clock.instant());
      }
      services.put(service.name, service);
      after(serviceReadyDelay, () -> becomeReady(service));
      return service.snapshot();
    }
  }

  ContainerServiceSnapshot update(String name, ServiceUpdate update) {
    synchronized (lock) {
      ContainerServiceRecord service = record(name);
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
      if (update.pullerActive() != null) {
        service.pullerActive = update.pullerActive();
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

  ContainerServiceSnapshot deploy(String name, DeploymentRequest request) {
    synchronized (lock) {
      ContainerServiceRecord service = record(name);
      startDeployment(service, request);
      return service.snapshot();
    }
  }

  /** A deployment copying the newest one, with the serving container's image and env replaced. */
  int deployOutOfBand(String name, String image, Map<String, String> environment) {
    synchronized (lock) {
      ContainerServiceRecord service = services.get(name);
      if (service == null) {
        throw new IllegalStateException("no container service " + name);
      }
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

  void delete(String name) {
    synchronized (lock) {
      ContainerServiceRecord service = record(name);
      if (service.state == ServiceState.DELETING) {
        return;
      }
      service.state = ServiceState.DELETING;
      service.stateDetailCode = null;
      service.next = null;
      ContainerRuntime stopping = runtime;
      activations.execute(() -> stopping.stop(name));
      after(serviceReadyDelay, () -> services.remove(name, service));
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
    return services.get(service.name) == service;
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
          String puller = service.pullerActive ? service.pullerPrincipalArn : null;
          activations.execute(
              () ->
                  finishActivation(service, deployment, activate(service.name, snapshot, puller)));
        });
  }

  private Activation activate(String name, DeploymentSnapshot deployment, String puller) {
    if (requireEcrPullAccess) {
      for (ContainerSpec container : deployment.containers().values()) {
        Optional<String> denial = ecr.pullDenial(container.image(), puller);
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
        activation.url().ifPresent(url -> service.runtimeUrl = url.toString());
      } else {
        deployment.state = DeploymentState.FAILED;
        deployment.failureMessage = activation.message();
        LOG.info(
            "deployment {} of {} failed: {}",
            deployment.version,
            service.name,
            activation.message());
      }
      service.settle();
    }
  }

  private ContainerServiceRecord record(String name) {
    ContainerServiceRecord service = services.get(name);
    if (service == null) {
      throw AwsErrorException.badRequest(
          "NotFoundException", "The container service " + name + " does not exist");
    }
    return service;
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
