package dev.envops.bookings;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether {@code hotels.description} exists, so one build serves before and after the migration
 * without a restart.
 *
 * <p>Once seen, the column is trusted until a query fails with "Unknown column" (a rollback). While
 * absent, writes look again every time (they must not drop a Description right after the {@code
 * ALTER TABLE}) and reads look again at most every {@link #RECHECK_NANOS}, so the hot read path
 * costs no extra round trip.
 */
final class DescriptionColumn {

  static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final String PROBE = "SELECT description FROM hotels LIMIT 0";
  // Completed futures hold no context: one of each serves every request.
  private static final Future<Boolean> TRUE = Future.succeededFuture(true);
  private static final Future<Boolean> FALSE = Future.succeededFuture(false);

  /** Null until the first probe answers. */
  private volatile Boolean present;

  private final AtomicLong checkedAt = new AtomicLong();

  /**
   * For a read: the last known answer, refreshed when it is "absent" and stale. The state is shared
   * by every event loop; {@code client} is the caller's own, so a probe stays on its thread.
   */
  Future<Boolean> forRead(SqlClient client) {
    Boolean known = present;
    if (known == null) {
      return probe(client);
    }
    if (known) {
      return TRUE;
    }
    long last = checkedAt.get();
    long now = System.nanoTime();
    // Only one caller refreshes a stale answer; the others keep the previous one meanwhile.
    if (now - last < RECHECK_NANOS || !checkedAt.compareAndSet(last, now)) {
      return FALSE;
    }
    return probe(client);
  }

  /** For a write: a fresh answer unless the column is already known to exist. */
  Future<Boolean> forWrite(SqlClient client) {
    Boolean known = present;
    return Boolean.TRUE.equals(known) ? TRUE : probe(client);
  }

  /** A query named the column and the database did not know it: it was dropped. */
  void markAbsent() {
    checkedAt.set(System.nanoTime());
    present = false;
  }

  Future<Boolean> probe(SqlClient client) {
    return client
        .query(PROBE)
        .execute()
        .map(rows -> record(true))
        .recover(
            error ->
                DatabaseErrors.isUnknownColumn(error, "description")
                    ? Future.succeededFuture(record(false))
                    : Future.failedFuture(error));
  }

  private boolean record(boolean exists) {
    checkedAt.set(System.nanoTime());
    present = exists;
    return exists;
  }
}
