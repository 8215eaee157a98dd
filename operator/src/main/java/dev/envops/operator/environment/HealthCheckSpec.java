package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Lightsail public-endpoint health check; unset fields take Lightsail's defaults. */
public class HealthCheckSpec {

  /** HTTP codes: single codes and ranges, comma-separated. */
  public static final String SUCCESS_CODES_PATTERN =
      "^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$";

  @Pattern("^/.*$")
  @Size(max = LightsailSpec.HEALTH_PATH_MAX)
  @JsonPropertyDescription("Path probed on the container (default /).")
  private String path;

  @Min(5)
  @Max(300)
  @JsonPropertyDescription("Seconds between checks, 5-300 (default 5).")
  private Integer intervalSeconds;

  @Min(2)
  @Max(60)
  @JsonPropertyDescription("Seconds to wait for an answer, 2-60 (default 2).")
  private Integer timeoutSeconds;

  @Min(2)
  @Max(10)
  @JsonPropertyDescription(
      "Consecutive successes before the container is healthy, 2-10 (default 2).")
  private Integer healthyThreshold;

  @Min(2)
  @Max(10)
  @JsonPropertyDescription(
      "Consecutive failures before the container is unhealthy, 2-10 (default 2).")
  private Integer unhealthyThreshold;

  @Pattern(SUCCESS_CODES_PATTERN)
  @JsonPropertyDescription("HTTP codes that count as healthy, e.g. 200-499 (default) or 200,302.")
  private String successCodes;

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Integer getIntervalSeconds() {
    return intervalSeconds;
  }

  public void setIntervalSeconds(Integer intervalSeconds) {
    this.intervalSeconds = intervalSeconds;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public Integer getHealthyThreshold() {
    return healthyThreshold;
  }

  public void setHealthyThreshold(Integer healthyThreshold) {
    this.healthyThreshold = healthyThreshold;
  }

  public Integer getUnhealthyThreshold() {
    return unhealthyThreshold;
  }

  public void setUnhealthyThreshold(Integer unhealthyThreshold) {
    this.unhealthyThreshold = unhealthyThreshold;
  }

  public String getSuccessCodes() {
    return successCodes;
  }

  public void setSuccessCodes(String successCodes) {
    this.successCodes = successCodes;
  }
}
