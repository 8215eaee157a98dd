package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One running build serves correctly before, after and across the description migration. */
class DescriptionMigrationTest {

  private TestDatabase db;
  private BookingsServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    db = TestDatabase.create(MariaDbServer.shared());
    server =
        BookingsServer.start(
            new ListenAddress("127.0.0.1", 0),
            DatabaseDsn.parse(db.dsn()),
            ServerTuning.defaults());
    api = new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void beforeTheMigrationDescriptionIsNullAndWritesStillWork() {
    assertThat(api.get("/hotels/1").body()).endsWith("\"Stars\":7.6,\"Description\":null}");
    HttpResponse<String> created =
        api.send("POST", "/hotels", "{\"Name\":\"N\",\"Address\":\"A\",\"Description\":\"D\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    // The column does not exist, so the stored hotel has no description: say so, do not echo.
    assertThat(created.body()).contains("\"Id\":3").endsWith("\"Description\":null}");
    assertThat(db.rows()).contains("3 | N | A | null");
    HttpResponse<String> updated =
        api.send("PUT", "/hotels/3", "{\"Name\":\"M\",\"Address\":\"B\",\"Description\":\"D\"}");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(db.rows()).contains("3 | M | B | null");
  }

  @Test
  void aWriteRightAfterTheMigrationStoresTheDescription() {
    assertThat(api.get("/hotels").body()).contains("\"Description\":null");
    db.addDescriptionColumn();

    HttpResponse<String> created =
        api.send("POST", "/hotels", "{\"Name\":\"N\",\"Address\":\"A\",\"Description\":\"New\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body()).endsWith("\"Description\":\"New\"}");
    assertThat(db.rows()).contains("3 | N | A | null | New");
    assertThat(api.get("/hotels/3").body()).endsWith("\"Description\":\"New\"}");

    HttpResponse<String> updated =
        api.send("PUT", "/hotels/1", "{\"Name\":\"C\",\"Address\":\"A\",\"Description\":\"Upd\"}");
    assertThat(updated.body()).endsWith("\"Description\":\"Upd\"}");
    assertThat(api.get("/hotels/1").body()).endsWith("\"Description\":\"Upd\"}");
  }

  @Test
  void readsSeeADescriptionWrittenElsewhereSoonAfterTheMigration() {
    assertThat(api.get("/hotels/2").body()).endsWith("\"Description\":null}");
    db.addDescriptionColumn();
    db.execute("UPDATE hotels SET description = 'written by another process' WHERE id = 2");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(api.get("/hotels/2").body())
                    .endsWith("\"Description\":\"written by another process\"}"));
    assertThat(api.get("/hotels").body()).contains("written by another process");
  }

  @Test
  void droppingTheColumnAgainKeepsEveryRouteWorking() {
    db.addDescriptionColumn();
    assertThat(
            api.send("POST", "/hotels", "{\"Name\":\"N\",\"Address\":\"A\",\"Description\":\"D\"}")
                .body())
        .endsWith("\"Description\":\"D\"}");

    db.execute("ALTER TABLE hotels DROP COLUMN description");

    HttpResponse<String> list = api.get("/hotels");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain("\"D\"");
    assertThat(api.get("/hotels/3").body()).endsWith("\"Description\":null}");
    HttpResponse<String> updated =
        api.send("PUT", "/hotels/3", "{\"Name\":\"M\",\"Address\":\"A\",\"Description\":\"D\"}");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.body()).endsWith("\"Description\":null}");
    assertThat(db.rows()).contains("3 | M | A | null");
  }
}
