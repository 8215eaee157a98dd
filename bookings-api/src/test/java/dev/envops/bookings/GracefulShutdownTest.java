package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping lets a request in flight finish and refuses new connections. */
class GracefulShutdownTest {

  @Test
  void aRequestInFlightCompletesWhileTheServerStops() throws Exception {
    MariaDbServer mariadb = MariaDbServer.shared();
    TestDatabase db = TestDatabase.create(mariadb);
    BookingsServer server =
        BookingsServer.start(
            new ListenAddress("127.0.0.1", 0),
            DatabaseDsn.parse(db.dsn()),
            ServerTuning.defaults());
    ApiClient api = new ApiClient(server.port());
    assertThat(api.get("/hotels").statusCode()).isEqualTo(200);

    CompletableFuture<HttpResponse<String>> inFlight;
    CompletableFuture<Void> stopped;
    try (Connection lock = DriverManager.getConnection(mariadb.jdbcUrl(db.name()));
        Statement statement = lock.createStatement()) {
      // Hold a write lock so the next read waits inside the database: a request in flight.
      statement.execute("LOCK TABLES hotels WRITE");
      inFlight = CompletableFuture.supplyAsync(() -> api.get("/hotels"));
      await().atMost(Duration.ofSeconds(10)).until(() -> waitingForTableLock(mariadb, db.name()));

      stopped = CompletableFuture.runAsync(server::close);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThatThrownBy(() -> api.get("/healthz")).isInstanceOf(Exception.class));
      assertThat(inFlight).isNotDone();

      statement.execute("UNLOCK TABLES");
    }
    HttpResponse<String> response = inFlight.get();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("[{\"Id\":1,");
    stopped.get();
  }

  private static boolean waitingForTableLock(MariaDbServer mariadb, String database)
      throws Exception {
    try (Connection connection = DriverManager.getConnection(mariadb.jdbcUrl(database));
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE STATE LIKE 'Waiting for table%' AND DB = DATABASE()")) {
      rows.next();
      return rows.getInt(1) > 0;
    }
  }
}
