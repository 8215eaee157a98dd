package dev.envops.bookings;

import io.vertx.sqlclient.DatabaseException;
import java.util.Locale;
import java.util.Set;

/** Tells a database that cannot be reached (503) from a query the database refused (500). */
final class DatabaseErrors {

  static final int UNKNOWN_COLUMN = 1054;

  /** Server errors that mean "not available right now" rather than "this query is wrong". */
  private static final Set<Integer> UNAVAILABLE_CODES =
      Set.of(
          1040, // too many connections
          1043, // bad handshake (e.g. TLS required but the server offers none)
          1044, // access denied to the database
          1045, // access denied (credentials rotated, grants not applied yet)
          1049, // unknown database (not created yet)
          1130, // host not allowed to connect
          1251, // authentication method not supported
          1698, // access denied (no password given where one is needed)
          1862, // password expired
          1053, // server shutdown in progress
          1129, // host blocked
          1152, // aborted connection
          1158, 1159, 1160, 1161, // network read/write errors
          1205, // lock wait timeout
          1927, // connection was killed
          4031); // disconnected for inactivity

  private DatabaseErrors() {}

  /** True when the database could not be reached or gave up on the connection. */
  static boolean isUnavailable(Throwable error) {
    if (error instanceof DatabaseException database) {
      return UNAVAILABLE_CODES.contains(database.getErrorCode());
    }
    // Connection refused, closed connections, pool and connect timeouts: all transport-level.
    return true;
  }

  static boolean isUnknownColumn(Throwable error, String column) {
    return error instanceof DatabaseException database
        && database.getErrorCode() == UNKNOWN_COLUMN
        && String.valueOf(database.getMessage())
            .toLowerCase(Locale.ROOT)
            .contains(column.toLowerCase(Locale.ROOT));
  }
}
