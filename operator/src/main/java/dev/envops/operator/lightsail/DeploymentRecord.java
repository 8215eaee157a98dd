package dev.envops.operator.lightsail;

import java.util.List;
import java.util.Map;

/**
 * A deployment of a container service, as the steps read it: its version, its state ({@code
 * ACTIVATING}, {@code ACTIVE}, {@code INACTIVE}, {@code FAILED}) and what it runs, for {@link
 * DesiredDeployment#matches}.
 *
 * @param containers by container name
 * @param publicEndpoint null when the deployment has none
 */
public record DeploymentRecord(
    int version, String state, Map<String, Container> containers, Endpoint publicEndpoint) {

  public static final String ACTIVATING = "ACTIVATING";
  public static final String ACTIVE = "ACTIVE";
  public static final String FAILED = "FAILED";

  /** One container of a deployment; {@code ports} maps a port to its protocol. */
  public record Container(
      String image,
      Map<String, String> environment,
      Map<String, String> ports,
      List<String> command) {}

  /** The container and port the service's URL reaches, with its health check. */
  public record Endpoint(String containerName, Integer containerPort, HealthCheck healthCheck) {}

  public boolean active() {
    return ACTIVE.equals(state);
  }

  public boolean failed() {
    return FAILED.equals(state);
  }
}
