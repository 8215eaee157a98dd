package dev.envops.sandbox.lightsail;

import java.util.List;
import java.util.Map;

/**
 * One container of a deployment, as sent and echoed on the wire.
 *
 * @param ports container port (as a string, e.g. {@code "80"}) to protocol ({@code HTTP}, ...)
 */
public record ContainerSpec(
    String image,
    List<String> command,
    Map<String, String> environment,
    Map<String, String> ports) {

  public ContainerSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    ports = Map.copyOf(ports);
  }

  ContainerSpec withImageAndEnvironment(String newImage, Map<String, String> newEnvironment) {
    return new ContainerSpec(newImage, command, newEnvironment, ports);
  }
}
