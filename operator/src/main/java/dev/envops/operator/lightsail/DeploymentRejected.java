package dev.envops.operator.lightsail;

/**
 * Lightsail refused a deployment as invalid ({@code InvalidInputException}): retrying the same
 * request at once cannot help.
 */
public final class DeploymentRejected extends RuntimeException {

  private final String reason;

  public DeploymentRejected(String reason, Throwable cause) {
    super("Lightsail rejected the deployment: " + reason, cause);
    this.reason = reason;
  }

  /** What Lightsail said was wrong with it. */
  public String reason() {
    return reason;
  }
}
