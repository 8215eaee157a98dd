package dev.envops.operator.planetscale;

/** An error answer from the PlanetScale API: HTTP status, API error code and message. */
public class PlanetScaleException extends RuntimeException {

  private final int status;
  private final String code;

  public PlanetScaleException(int status, String code, String message) {
    super(describe(status, code, message));
    this.status = status;
    this.code = code;
  }

  public PlanetScaleException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.code = "io_error";
  }

  /** The HTTP status, or 0 when no answer arrived (connection or timeout failure). */
  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Throttling, server errors and I/O failures are worth another try later. */
  public boolean isRetryable() {
    return status == 0 || status == 429 || status >= 500;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  /** The token is missing, wrong, or lacks the permission for this call. */
  public boolean isPermissionDenied() {
    return status == 401 || status == 403;
  }

  private static String describe(int status, String code, String message) {
    return "PlanetScale API " + status + " " + code + (message == null ? "" : ": " + message);
  }
}
