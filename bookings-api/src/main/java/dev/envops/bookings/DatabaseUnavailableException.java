package dev.envops.bookings;

/** The database could not be reached or dropped the connection: the API answers 503. */
public final class DatabaseUnavailableException extends RuntimeException {

  public DatabaseUnavailableException(Throwable cause) {
    super("database unavailable: " + cause, cause, false, false);
  }
}
