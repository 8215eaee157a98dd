package dev.envops.operator.planetscale;

/**
 * An error answer from the PlanetScale API: the call that failed, HTTP status, API error code and
 * message.
 */
public class PlanetScaleException extends RuntimeException {

  private final PlanetScaleApi api;
  private final int status;
  private final String code;

  public PlanetScaleException(PlanetScaleApi api, int status, String code, String message) {
    super(describe(api, status, code, message));
    this.api = api;
    this.status = status;
    this.code = code;
  }

  public PlanetScaleException(PlanetScaleApi api, String message, Throwable cause) {
    super(message, cause);
    this.api = api;
    this.status = 0;
    this.code = "io_error";
  }

  /** The call that failed. */
  public PlanetScaleApi api() {
    return api;
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

  /** 422: PlanetScale refused the transition (the message says why). */
  public boolean isUnprocessable() {
    return status == 422;
  }

  /** The message PlanetScale gave, without the call and status prefix. */
  public String serverMessage() {
    String text = getMessage();
    int colon = text.indexOf(": ");
    return colon < 0 ? text : text.substring(colon + 2);
  }

  private static String describe(PlanetScaleApi api, int status, String code, String message) {
    return "PlanetScale "
        + (api == null ? "API" : api.action())
        + " answered "
        + status
        + " "
        + code
        + (message == null ? "" : ": " + message);
  }
}
