package dev.envops.sandbox.planetscale;

/** An API error answered as {@code {"code": ..., "message": ...}} with an HTTP status. */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  static ApiException unprocessable(String message) {
    return new ApiException(422, "unprocessable", message);
  }

  static ApiException invalidParams(String message) {
    return new ApiException(422, "invalid_params", message);
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  static ApiException unauthorized() {
    return new ApiException(
        401, "unauthorized", "The access token is invalid or missing, or the token id is unknown");
  }
}
