package dev.envops.operator.lightsail;

/** Lightsail refused a deployment as invalid input; the message is the server's own. */
public final class DeploymentRejectedException extends RuntimeException {

  public DeploymentRejectedException(String serverMessage, Throwable cause) {
    super(serverMessage, cause);
  }
}
