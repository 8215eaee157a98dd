package dev.envops.operator.planetscale;

import dev.envops.operator.cloud.CloudCallException;

/**
 * An error answer from the PlanetScale API: the call that failed, HTTP status, API error code and
 * message.
 */
public class PlanetScaleException extends CloudCallException {

  private final PlanetScaleApi call;

  public PlanetScaleException(PlanetScaleApi call, int status, String code, String message) {
    super(
        name(call),
        code,
        status,
        kind(status),
        message,
        describe(call, status, code, message),
        null);
    this.call = call;
  }

  public PlanetScaleException(PlanetScaleApi call, String message, Throwable cause) {
    super(name(call), "io_error", 0, Kind.NETWORK, null, message, cause);
    this.call = call;
  }

  /** The call that failed. */
  public PlanetScaleApi call() {
    return call;
  }

  /** Throttling, server errors and I/O failures are worth another try later. */
  public boolean isRetryable() {
    return status() == 0 || status() == 429 || status() >= 500;
  }

  public boolean isNotFound() {
    return status() == 404;
  }

  /** The token is missing, wrong, or lacks the permission for this call. */
  public boolean isPermissionDenied() {
    return status() == 401 || status() == 403;
  }

  /** 422: PlanetScale refused the transition (the message says why). */
  public boolean isUnprocessable() {
    return status() == 422;
  }

  /** The message PlanetScale gave, without the call and status prefix. */
  public String serverMessage() {
    String text = getMessage();
    int colon = text.indexOf(": ");
    return colon < 0 ? text : text.substring(colon + 2);
  }

  /** The API as {@code planetscale:create_deploy_request}. */
  private static String name(PlanetScaleApi call) {
    return call == null ? "planetscale" : "planetscale:" + call.id();
  }

  private static Kind kind(int status) {
    if (status == 429) {
      return Kind.THROTTLED;
    }
    if (status >= 500) {
      return Kind.SERVER;
    }
    return status == 0 ? Kind.NETWORK : Kind.CLIENT;
  }

  private static String describe(PlanetScaleApi call, int status, String code, String message) {
    return "PlanetScale "
        + (call == null ? "API" : call.action())
        + " answered "
        + status
        + " "
        + code
        + (message == null ? "" : ": " + message);
  }
}
