package dev.envops.sandbox.lightsail;

/**
 * Decides what happens when a deployment activates: "runs" it and says whether it passed its health
 * check. The simulator calls it off its own lock and threads, so it may block.
 */
public interface ContainerRuntime {

  /**
   * Starts {@code deployment} of {@code serviceName}. On an unhealthy answer the runtime must leave
   * the previously active deployment serving, as Lightsail does.
   */
  Activation activate(String serviceName, DeploymentSnapshot deployment);

  /** Stops whatever runs for {@code serviceName}; called when the service is deleted. */
  default void stop(String serviceName) {}

  /** The default: healthy unless the serving container's image reference contains "broken". */
  static ContainerRuntime healthyUnlessImageSaysBroken() {
    return (serviceName, deployment) ->
        deployment.containers().values().stream()
                .anyMatch(container -> container.image().contains("broken"))
            ? Activation.failed("container failed its health check")
            : Activation.passed();
  }
}
