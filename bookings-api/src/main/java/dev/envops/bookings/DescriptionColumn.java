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

  private final SqlClient pool;

  /** Null until the first probe answers. */
  private volatile Boolean present;

  private final AtomicLong checkedAt = new AtomicLong();

  DescriptionColumn(SqlClient pool) {
    this.pool = pool;
  }

  /** For a read: the last known answer, refreshed when it is "absent" and stale. */
  Future<Boolean> forRead() {
    Boolean known = present;
    if (known == null) {
      return probe();
    }
    if (known) {
      return Future.succeededFuture(true);
    }
    long last = checkedAt.get();
    long now = System.nanoTime();
    // Only one caller refreshes a stale answer; the others keep the previous one meanwhile.
    if (now - last < RECHECK_NANOS || !checkedAt.compareAndSet(last, now)) {
      return Future.succeededFuture(false);
    }
    return probe();
  }

  /** For a write: a fresh answer unless the column is already known to exist. */
  Future<Boolean> forWrite() {
    Boolean known = present;
    return Boolean.TRUE.equals(known) ? Future.succeededFuture(true) : probe();
  }

  /** A query named the column and the database did not know it: it was dropped. */
  void markAbsent() {
    checkedAt.set(System.nanoTime());
    present = false;
  }

  Future<Boolean> probe() {
    return pool.query(PROBE)
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
