package dev.envops.sandbox.runtime;

import dev.envops.sandbox.lightsail.Activation;
import dev.envops.sandbox.lightsail.ContainerRuntime;
import dev.envops.sandbox.lightsail.ContainerSpec;
import dev.envops.sandbox.lightsail.DeploymentSnapshot;
import dev.envops.sandbox.lightsail.HealthCheckSpec;
import dev.envops.sandbox.lightsail.PublicEndpointSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every activated Lightsail deployment as a real bookings-api process with the deployment's
 * environment, whatever its image: the container's {@code LISTEN} becomes a free loopback port, and
 * {@code DSN} is passed as given. An image whose reference contains {@code broken} starts with an
 * unusable {@code LISTEN}, so it really exits and fails its health check. A deployment that fails
 * leaves the previous container serving; the service URL is a stable {@link ServiceFrontDoor}.
 */
public final class BookingsApiRuntime implements ContainerRuntime, AutoCloseable {

  /** What a "broken" image gets as {@code LISTEN}: the service refuses it and exits. */
  static final String BROKEN_LISTEN = "broken-image:no-port";

  private static final Logger LOG = LoggerFactory.getLogger(BookingsApiRuntime.class);

  private final Path jar;
  private final Path logDirectory;
  private final HealthCheck healthCheck;
  private final Map<String, ServiceFrontDoor> services = new ConcurrentHashMap<>();
  private final Set<ContainerProcess> starting = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param jar the runnable bookings-api jar
   * @param logDirectory where each container's output goes ({@code <service>-v<version>.log})
   * @param startupBudget how long a container may take to pass its health check
   */
  public BookingsApiRuntime(Path jar, Path logDirectory, Duration startupBudget) {
    this.jar = jar;
    this.logDirectory = logDirectory;
    this.healthCheck = new HealthCheck(startupBudget);
  }

  @Override
  public Activation activate(String serviceName, DeploymentSnapshot deployment) {
    if (closed) {
      return Activation.failed("the sandbox is shutting down");
    }
    ContainerSpec container = deployment.servingContainer().orElse(null);
    if (container == null) {
      return Activation.failed("the deployment names no public endpoint container");
    }
    HealthCheckSpec check =
        deployment
            .publicEndpoint()
            .map(PublicEndpointSpec::healthCheck)
            .orElse(HealthCheckSpec.DEFAULT);
    int port = freePort();
    ContainerProcess process =
        ContainerProcess.start(
            jar,
            environment(container, port),
            port,
            logDirectory.resolve(serviceName + "-v" + deployment.version() + ".log"));
    starting.add(process);
    try {
      var problem =
          healthCheck.await(process, check.path(), check.successCodes(), check.healthyThreshold());
      if (problem.isPresent()) {
        process.stop();
        return Activation.failed(problem.get());
      }
    } catch (InterruptedException e) {
      process.stop();
      Thread.currentThread().interrupt();
      return Activation.failed("interrupted during the health check");
    } finally {
      starting.remove(process);
    }
    ServiceFrontDoor door = services.computeIfAbsent(serviceName, ServiceFrontDoor::open);
    ContainerProcess previous = door.switchTo(process);
    if (previous != null) {
      previous.stop();
    }
    if (closed) {
      stop(serviceName);
    }
    LOG.info("{} v{} serves at {}", serviceName, deployment.version(), door.url());
    return Activation.passedAt(door.url());
  }

  @Override
  public void stop(String serviceName) {
    ServiceFrontDoor door = services.remove(serviceName);
    if (door != null) {
      ContainerProcess active = door.switchTo(null);
      door.close();
      if (active != null) {
        active.stop();
      }
    }
  }

  /** Stops every container and closes every service URL. */
  @Override
  public void close() {
    closed = true;
    starting.forEach(ContainerProcess::stop);
    services.keySet().forEach(this::stop);
  }

  private static Map<String, String> environment(ContainerSpec container, int port) {
    Map<String, String> environment = new HashMap<>(container.environment());
    boolean broken = container.image().contains("broken");
    environment.put("LISTEN", broken ? BROKEN_LISTEN : "127.0.0.1:" + port);
    return environment;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
