package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** The Lightsail container service and the one container the Environment runs on it. */
public class LightsailSpec {

  /** Lightsail service names: lowercase letters, digits, hyphens; alphanumeric at both ends. */
  public static final String SERVICE_NAME_PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

  /**
   * Lightsail container names: 1-53 lowercase letters, digits, hyphens; alphanumeric at both ends
   * (botocore lightsail ContainerName: {@code ^[a-z0-9]{1,2}|[a-z0-9][a-z0-9-]+[a-z0-9]$}, max 53).
   */
  public static final String CONTAINER_NAME_PATTERN = "^[a-z0-9]([a-z0-9-]{0,51}[a-z0-9])?$";

  /** AWS region names such as us-east-1. */
  public static final String REGION_PATTERN = "^[a-z]{2}(-[a-z]+)+-[0-9]$";

  /** IAM role ARNs (partitions aws, aws-cn, aws-us-gov; IAM's role path and name characters). */
  public static final String ROLE_ARN_PATTERN =
      "^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$";

  /** Environment variable names Lightsail accepts. */
  public static final String ENV_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";

  /** Most variables in env, and in envFrom. */
  public static final int ENV_MAX = 100;

  /** Longest plain env value; larger values belong in a Secret (envFrom). */
  public static final int ENV_VALUE_MAX = 4096;

  /** Longest health-check path. */
  public static final int HEALTH_PATH_MAX = 256;

  @Required
  @Pattern(REGION_PATTERN)
  @JsonPropertyDescription("AWS region of the container service, e.g. us-east-1.")
  private String region;

  @Pattern(ROLE_ARN_PATTERN)
  @JsonPropertyDescription(
      "IAM role the operator assumes (STS AssumeRole) to manage this Environment's container"
          + " service and ECR repository, which live in the role's AWS account. Omitted: the role"
          + " ENVOPS_NAMESPACE_ROLES gives the namespace, else the operator's own credentials.")
  private String roleArn;

  @Required
  @Pattern(SERVICE_NAME_PATTERN)
  @JsonPropertyDescription(
      "Container service name: 1-63 lowercase letters, digits and hyphens, starting and ending"
          + " with a letter or digit. Created when missing.")
  private String serviceName;

  @Required
  @Pattern(CONTAINER_NAME_PATTERN)
  @JsonPropertyDescription(
      "Name of the container inside the deployment (also the public endpoint): 1-53 lowercase"
          + " letters, digits and hyphens, starting and ending with a letter or digit.")
  private String containerName;

  @Required
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription(
      "Port the container listens on; opened as HTTP and used by the public endpoint.")
  private Integer containerPort;

  @JsonPropertyDescription("Health check of the public endpoint; Lightsail defaults where omitted.")
  private HealthCheckSpec healthCheck;

  @Default("nano")
  @JsonPropertyDescription(
      "Power (node size) used when the operator creates or updates the service: nano, micro,"
          + " small, medium, large or xlarge.")
  private Power power;

  @Default("1")
  @Min(1)
  @Max(20)
  @JsonPropertyDescription("Number of nodes (1-20).")
  private Integer scale;

  @Size(max = ENV_MAX)
  @JsonPropertyDescription(
      "Plain environment variables of the container (at most 100, values up to 4096"
          + " characters).")
  private Map<String, @Size(max = ENV_VALUE_MAX) String> env;

  @Size(max = ENV_MAX)
  @JsonPropertyDescription(
      "Environment variables whose values come from Secret keys in the Environment's namespace."
          + " Values are injected into the container and never written to status, events or"
          + " logs; a change of the Secret rolls out again.")
  private List<SecretEnvVar> envFrom;

  @Default("Retain")
  @JsonPropertyDescription(
      "What happens to the container service when the Environment is deleted: Retain (default)"
          + " keeps it; Delete deletes it (through a finalizer).")
  private DeletionPolicy deletionPolicy;

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getServiceName() {
    return serviceName;
  }

  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  public String getContainerName() {
    return containerName;
  }

  public void setContainerName(String containerName) {
    this.containerName = containerName;
  }

  public Integer getContainerPort() {
    return containerPort;
  }

  public void setContainerPort(Integer containerPort) {
    this.containerPort = containerPort;
  }

  public HealthCheckSpec getHealthCheck() {
    return healthCheck;
  }

  public void setHealthCheck(HealthCheckSpec healthCheck) {
    this.healthCheck = healthCheck;
  }

  public Power getPower() {
    return power;
  }

  public void setPower(Power power) {
    this.power = power;
  }

  public Integer getScale() {
    return scale;
  }

  public void setScale(Integer scale) {
    this.scale = scale;
  }

  public Map<String, String> getEnv() {
    return env;
  }

  public void setEnv(Map<String, String> env) {
    this.env = env;
  }

  public List<SecretEnvVar> getEnvFrom() {
    return envFrom;
  }

  public void setEnvFrom(List<SecretEnvVar> envFrom) {
    this.envFrom = envFrom;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  /** The power to use, nano when unset. */
  public Power powerOrDefault() {
    return power == null ? Power.NANO : power;
  }

  /** The scale to use, 1 when unset. */
  public int scaleOrDefault() {
    return scale == null ? 1 : scale;
  }

  /** True when the container service goes with the Environment. */
  public boolean deletesService() {
    return deletionPolicy == DeletionPolicy.Delete;
  }
}
