package dev.envops.operator.lightsail;

import dev.envops.operator.environment.HealthCheckSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The deployment an Environment asks for, in the form Lightsail echoes back, so that a deployment
 * the operator created compares equal on every later reconcile. Holds secret values: its {@link
 * #toString()} prints none, and status only ever sees {@link #hash()}.
 */
public final class DesiredDeployment {

  private static final String HTTP = "HTTP";

  // Cloned for each hash: getInstance's provider lookup (by reflection) was most of a hash's CPU,
  // and every pass hashes its deployment.
  private static final MessageDigest SHA_256 = sha256();

  private final String containerName;
  private final String image;
  private final Map<String, String> environment;
  private final TreeMap<String, String> sortedEnvironment;
  private final int containerPort;
  private final HealthCheck healthCheck;

  public DesiredDeployment(
      String containerName,
      String image,
      Map<String, String> environment,
      int containerPort,
      HealthCheckSpec healthCheck) {
    this.containerName = containerName;
    this.image = image;
    this.sortedEnvironment = new TreeMap<>(environment);
    this.environment = Map.copyOf(sortedEnvironment);
    this.containerPort = containerPort;
    this.healthCheck = withDefaults(healthCheck);
  }

  /** Lightsail's documented defaults, made explicit so the echo matches what was sent. */
  private static HealthCheck withDefaults(HealthCheckSpec h) {
    HealthCheckSpec s = h == null ? new HealthCheckSpec() : h;
    return new HealthCheck(
        Objects.requireNonNullElse(s.getPath(), "/"),
        Objects.requireNonNullElse(s.getIntervalSeconds(), 5),
        Objects.requireNonNullElse(s.getTimeoutSeconds(), 2),
        Objects.requireNonNullElse(s.getHealthyThreshold(), 2),
        Objects.requireNonNullElse(s.getUnhealthyThreshold(), 2),
        Objects.requireNonNullElse(s.getSuccessCodes(), "200-499"));
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

  public HealthCheck healthCheck() {
    return healthCheck;
  }

  /** The container's env, secret values included (for the deployment request only). */
  Map<String, String> environment() {
    return environment;
  }

  /** The container's ports: the one HTTP port. */
  Map<String, String> ports() {
    return Map.of(Integer.toString(containerPort), HTTP);
  }

  /** This deployment as Lightsail lists it once created as version {@code version}. */
  public DeploymentRecord asDeployed(int version, String state) {
    return new DeploymentRecord(
        version,
        state,
        Map.of(containerName, new DeploymentRecord.Container(image, environment, ports(), null)),
        new DeploymentRecord.Endpoint(containerName, containerPort, healthCheck));
  }

  /** True when a live deployment runs exactly this: image, env, port and health check. */
  public boolean matches(DeploymentRecord live) {
    if (live == null || live.containers() == null || live.containers().size() != 1) {
      return false;
    }
    DeploymentRecord.Container c = live.containers().get(containerName);
    DeploymentRecord.Endpoint endpoint = live.publicEndpoint();
    return c != null
        && image.equals(c.image())
        && environment.equals(c.environment() == null ? Map.of() : c.environment())
        && ports().equals(c.ports())
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
    // The SDK's printed health check, as before the operator had its own record: every
    // configHash already in a status stays the same.
    canonical
        .append(containerPort)
        .append('\n')
        .append(LightsailRecords.healthCheckConfig(healthCheck))
        .append('\n');
    sortedEnvironment.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\0'));
    try {
      byte[] digest =
          ((MessageDigest) SHA_256.clone())
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
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
