package dev.envops.bookings;

/** Input the API refuses with 400; the message names the offending field and is safe to return. */
public final class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message, null, false, false);
  }
}
