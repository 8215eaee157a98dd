package dev.envops.bookings;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code hotels} table through one event loop's own client: prepared statements with explicit
 * columns, with or without {@code description} depending on what the schema has right now.
 */
final class HotelRepository {

  private static final String SELECT = "SELECT id, name, address, stars FROM hotels";
  private static final String SELECT_WITH_DESCRIPTION =
      "SELECT id, name, address, stars, description FROM hotels";
  private static final String ORDER = " ORDER BY id";
  private static final String BY_ID = " WHERE id = ?";
  private static final String INSERT = "INSERT INTO hotels (name, address, stars) VALUES (?, ?, ?)";
  private static final String INSERT_WITH_DESCRIPTION =
      "INSERT INTO hotels (name, address, stars, description) VALUES (?, ?, ?, ?)";
  private static final String UPDATE =
      "UPDATE hotels SET name = ?, address = ?, stars = ? WHERE id = ?";
  private static final String UPDATE_WITH_DESCRIPTION =
      "UPDATE hotels SET name = ?, address = ?, stars = ?, description = ? WHERE id = ?";
  private static final String DELETE = "DELETE FROM hotels WHERE id = ?";

  /** Ids are INT UNSIGNED: anything larger cannot exist. */
  private static final long MAX_ID = 4_294_967_295L;

  private final SqlClient pool;
  private final DescriptionColumn description;

  HotelRepository(SqlClient pool, DescriptionColumn description) {
    this.pool = pool;
    this.description = description;
  }

  Future<List<Hotel>> list() {
    return read(
        withDescription ->
            pool.preparedQuery((withDescription ? SELECT_WITH_DESCRIPTION : SELECT) + ORDER)
                .execute()
                .map(rows -> hotels(rows, withDescription)));
  }

  /** The hotel, or null when there is none with that id. */
  Future<Hotel> find(long id) {
    if (id > MAX_ID) {
      return Future.succeededFuture(null);
    }
    return read(
        withDescription ->
            pool.preparedQuery((withDescription ? SELECT_WITH_DESCRIPTION : SELECT) + BY_ID)
                .execute(Tuple.of(id))
                .map(
                    rows ->
                        rows.size() == 0 ? null : hotel(rows.iterator().next(), withDescription)));
  }

  /** Stores a new hotel; the result is what the table now holds, with its new id. */
  Future<Hotel> insert(Hotel hotel) {
    return write(
        withDescription -> {
          Tuple params = Tuple.of(hotel.name(), hotel.address(), hotel.stars());
          if (withDescription) {
            params.addString(hotel.description());
          }
          return pool.preparedQuery(withDescription ? INSERT_WITH_DESCRIPTION : INSERT)
              .execute(params)
              .map(rows -> stored(hotel, withDescription).withId(lastInsertId(rows)));
        });
  }

  /** Replaces the hotel's fields; null when there is none with that id. */
  Future<Hotel> update(long id, Hotel hotel) {
    if (id > MAX_ID) {
      return Future.succeededFuture(null);
    }
    return write(
        withDescription -> {
          Tuple params = Tuple.of(hotel.name(), hotel.address(), hotel.stars());
          if (withDescription) {
            params.addString(hotel.description());
          }
          params.addLong(id);
          // The client asks for "found rows", so an update that changes nothing still counts 1.
          return pool.preparedQuery(withDescription ? UPDATE_WITH_DESCRIPTION : UPDATE)
              .execute(params)
              .map(rows -> rows.rowCount() == 0 ? null : stored(hotel, withDescription).withId(id));
        });
  }

  /** True when a hotel was deleted. */
  Future<Boolean> delete(long id) {
    if (id > MAX_ID) {
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery(DELETE)
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0)
        .recover(HotelRepository::classify);
  }

  /** Closes this event loop's client. */
  Future<Void> close() {
    return pool.close();
  }

  /** Succeeds when the database answers a trivial query. */
  Future<Void> ping() {
    return pool.query("SELECT 1").execute().<Void>mapEmpty().recover(HotelRepository::classify);
  }

  /** Looks at the schema once, so the first requests need not (failures are left for later). */
  Future<Boolean> detectDescription() {
    return description.probe(pool).recover(HotelRepository::classify);
  }

  private <T> Future<T> read(Function<Boolean, Future<T>> query) {
    Future<Boolean> present = description.forRead(pool);
    // The usual case, the answer already known: no extra future per request.
    Future<T> result =
        present.succeeded()
            ? retryOnDroppedColumn(present.result(), query)
            : present.compose(known -> retryOnDroppedColumn(known, query));
    return result.recover(HotelRepository::classify);
  }

  private <T> Future<T> write(Function<Boolean, Future<T>> statement) {
    return description
        .forWrite(pool)
        .compose(present -> retryOnDroppedColumn(present, statement))
        .recover(HotelRepository::classify);
  }

  private <T> Future<T> retryOnDroppedColumn(boolean present, Function<Boolean, Future<T>> query) {
    return query
        .apply(present)
        .recover(
            error -> {
              if (present && DatabaseErrors.isUnknownColumn(error, "description")) {
                description.markAbsent();
                return query.apply(false);
              }
              return Future.failedFuture(error);
            });
  }

  private static <T> Future<T> classify(Throwable error) {
    if (error instanceof DatabaseUnavailableException) {
      return Future.failedFuture(error);
    }
    return Future.failedFuture(
        DatabaseErrors.isUnavailable(error) ? new DatabaseUnavailableException(error) : error);
  }

  private static Hotel stored(Hotel hotel, boolean withDescription) {
    return withDescription ? hotel : hotel.withoutDescription();
  }

  private static long lastInsertId(RowSet<Row> rows) {
    Long id = rows.property(MySQLClient.LAST_INSERTED_ID);
    if (id == null) {
      throw new IllegalStateException("the database returned no id for the new hotel");
    }
    return id;
  }

  private static List<Hotel> hotels(RowSet<Row> rows, boolean withDescription) {
    List<Hotel> hotels = new ArrayList<>(rows.size());
    for (Row row : rows) {
      hotels.add(hotel(row, withDescription));
    }
    return hotels;
  }

  private static Hotel hotel(Row row, boolean withDescription) {
    return new Hotel(
        row.getLong(0),
        row.getString(1),
        row.getString(2),
        row.getFloat(3),
        withDescription ? row.getString(4) : null);
  }
}
