package dev.envops.sandbox.aws;

/** An error answer in the AWS JSON 1.1 shape: HTTP status plus the {@code __type} the SDK maps. */
public final class AwsErrorException extends RuntimeException {

  private final String type;
  private final int status;

  public AwsErrorException(String type, int status, String message) {
    super(message);
    this.type = type;
    this.status = status;
  }

  /** A client error (HTTP 400), the status AWS JSON services use for modeled exceptions. */
  public static AwsErrorException badRequest(String type, String message) {
    return new AwsErrorException(type, 400, message);
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }
}
