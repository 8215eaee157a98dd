package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A database that goes away gives 503s, and the service recovers by itself when it returns. */
class DatabaseOutageTest {

  private static MariaDbServer mariadb;
  private static TestDatabase db;
  private static BookingsServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    mariadb = MariaDbServer.start();
    db = TestDatabase.create(mariadb);
    server =
        BookingsServer.start(
            new ListenAddress("127.0.0.1", 0),
            DatabaseDsn.parse(db.dsn()),
            ServerTuning.defaults());
    api = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
    mariadb.close();
  }

  @Test
  void outageGives503ThenRecoversWithoutRestart() {
    assertThat(api.get("/hotels").statusCode()).isEqualTo(200);

    mariadb.stop();

    HttpResponse<String> list = api.get("/hotels");
    assertThat(list.statusCode()).isEqualTo(503);
    assertThat(list.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(list.headers().firstValue("retry-after")).hasValue("1");
    assertThat(list.body()).isEqualTo("{\"error\":\"database unavailable, try again shortly\"}");
    assertThat(api.get("/hotels/1").statusCode()).isEqualTo(503);
    assertThat(api.send("POST", "/hotels", "{\"Name\":\"N\",\"Address\":\"A\"}").statusCode())
        .isEqualTo(503);
    assertThat(api.send("DELETE", "/hotels/1", null).statusCode()).isEqualTo(503);
    assertThat(api.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(api.get("/").statusCode()).isEqualTo(200);

    mariadb.restart();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(api.get("/readyz").statusCode()).isEqualTo(200));
    assertThat(api.get("/hotels").statusCode()).isEqualTo(200);
    assertThat(db.rows()).hasSize(2);
  }
}
