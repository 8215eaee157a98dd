package dev.envops.operator.lightsail;

import dev.envops.operator.environment.HealthCheckSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.lightsail.model.Container;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeployment;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceEndpoint;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceHealthCheckConfig;
import software.amazon.awssdk.services.lightsail.model.EndpointRequest;

/**
 * The deployment an Environment asks for, in the form Lightsail echoes back, so that a deployment
 * the operator created compares equal on every later reconcile. Holds secret values: its {@link
 * #toString()} prints none, and status only ever sees {@link #hash()}.
 */
public final class DesiredDeployment {

  private final String containerName;
  private final String image;
  private final Map<String, String> environment;
  private final int containerPort;
  private final ContainerServiceHealthCheckConfig healthCheck;

  public DesiredDeployment(
      String containerName,
      String image,
      Map<String, String> environment,
      int containerPort,
      HealthCheckSpec healthCheck) {
    this.containerName = containerName;
    this.image = image;
    this.environment = Map.copyOf(new TreeMap<>(environment));
    this.containerPort = containerPort;
    this.healthCheck = withDefaults(healthCheck);
  }

  /** Lightsail's documented defaults, made explicit so the echo matches what was sent. */
  private static ContainerServiceHealthCheckConfig withDefaults(HealthCheckSpec h) {
    HealthCheckSpec s = h == null ? new HealthCheckSpec() : h;
    return ContainerServiceHealthCheckConfig.builder()
        .path(Objects.requireNonNullElse(s.getPath(), "/"))
        .intervalSeconds(Objects.requireNonNullElse(s.getIntervalSeconds(), 5))
        .timeoutSeconds(Objects.requireNonNullElse(s.getTimeoutSeconds(), 2))
        .healthyThreshold(Objects.requireNonNullElse(s.getHealthyThreshold(), 2))
        .unhealthyThreshold(Objects.requireNonNullElse(s.getUnhealthyThreshold(), 2))
        .successCodes(Objects.requireNonNullElse(s.getSuccessCodes(), "200-499"))
        .build();
  }

  public String containerName() {
    return containerName;
  }

  public String image() {
    return image;
  }

  public int containerPort() {
    return containerPort;
  }

  public ContainerServiceHealthCheckConfig healthCheck() {
    return healthCheck;
  }

  /** The containers map of CreateContainerServiceDeployment. */
  public Map<String, Container> containers() {
    return Map.of(
        containerName,
        Container.builder()
            .image(image)
            .environment(environment)
            .portsWithStrings(Map.of(Integer.toString(containerPort), "HTTP"))
            .build());
  }

  /** The publicEndpoint of CreateContainerServiceDeployment. */
  public EndpointRequest publicEndpoint() {
    return EndpointRequest.builder()
        .containerName(containerName)
        .containerPort(containerPort)
        .healthCheck(healthCheck)
        .build();
  }

  /** True when a live deployment runs exactly this: image, env, port and health check. */
  public boolean matches(ContainerServiceDeployment live) {
    if (live == null || live.containers() == null || live.containers().size() != 1) {
      return false;
    }
    Container c = live.containers().get(containerName);
    ContainerServiceEndpoint endpoint = live.publicEndpoint();
    return c != null
        && image.equals(c.image())
        && environment.equals(c.environment() == null ? Map.of() : c.environment())
        && Map.of(Integer.toString(containerPort), "HTTP").equals(c.portsAsStrings())
        && (c.command() == null || c.command().isEmpty())
        && endpoint != null
        && containerName.equals(endpoint.containerName())
        && Integer.valueOf(containerPort).equals(endpoint.containerPort())
        && healthCheck.equals(endpoint.healthCheck());
  }

  /** SHA-256 over everything the deployment carries, secret values included. */
  public String hash() {
    StringBuilder canonical = new StringBuilder();
    canonical.append(containerName).append('\n').append(image).append('\n');
    canonical.append(containerPort).append('\n').append(healthCheck).append('\n');
    new TreeMap<>(environment)
        .forEach((k, v) -> canonical.append(k).append('=').append(v).append('\0'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "DesiredDeployment{container="
        + containerName
        + ", image="
        + image
        + ", env keys="
        + environment.keySet()
        + ", port="
        + containerPort
        + "}";
  }
}
