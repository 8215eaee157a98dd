package dev.envops.operator.cloud;

/**
 * A cloud call that failed, naming itself: the API ({@code lightsail:GetContainerServices}, {@code
 * sts:AssumeRole}, {@code planetscale:create_deploy_request}), the error code, the HTTP status and
 * what kind of failure it was. The adapters throw it at the port boundary, so whoever classifies
 * the failure reads the API from the exception, on whatever thread.
 */
public class CloudCallException extends RuntimeException {

  /** What kind of failure: decides whether waiting helps. */
  public enum Kind {
    /** The service refused the call for its rate: nothing was done. */
    THROTTLED,
    /** The service failed (HTTP 5xx). */
    SERVER,
    /** No answer arrived (connection, timeout): the call may or may not have been done. */
    NETWORK,
    /** The service refused the call (HTTP 4xx other than throttling). */
    CLIENT
  }

  private final String api;
  private final String code;
  private final int status;
  private final Kind kind;
  private final String detail;

  /**
   * @param code the service's error code, or the simple name of the client-side error
   * @param status the HTTP status, 0 when no answer arrived
   * @param detail the service's own message, null when it gave none
   */
  public CloudCallException(
      String api,
      String code,
      int status,
      Kind kind,
      String detail,
      String message,
      Throwable cause) {
    super(message, cause);
    this.api = api;
    this.code = code;
    this.status = status;
    this.kind = kind;
    this.detail = detail;
  }

  /** The API that failed, as {@code service:Operation}. */
  public String api() {
    return api;
  }

  /** The service's error code (e.g. ThrottlingException, not_found), or the client-side error. */
  public String code() {
    return code;
  }

  /** The HTTP status, or 0 when no answer arrived (connection or timeout failure). */
  public int status() {
    return status;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isThrottling() {
    return kind == Kind.THROTTLED;
  }

  public boolean isServerSide() {
    return kind == Kind.SERVER;
  }

  public boolean isNetwork() {
    return kind == Kind.NETWORK;
  }

  /** The service's own message about the failure, null when it gave none. */
  public String detail() {
    return detail;
  }
}
