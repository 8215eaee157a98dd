package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route against a real MariaDB, with the description column applied. */
class HotelRoutesTest {

  private static final String CALIFORNIA =
      "{\"Id\":1,\"Name\":\"Hotel California\","
          + "\"Address\":\"1967 Can Never Leave Ln, San Fancisco CA, 94016\","
          + "\"Stars\":7.6,\"Description\":null}";
  private static final String GALT =
      "{\"Id\":2,\"Name\":\"The Galt House\",\"Address\":\"140 N Fourth St, Louisville, KY 40202\","
          + "\"Stars\":8,\"Description\":null}";

  private static TestDatabase db;
  private static BookingsServer server;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    db = TestDatabase.create(MariaDbServer.shared());
    db.addDescriptionColumn();
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
  }

  @BeforeEach
  void seed() {
    db.reset();
    db.addDescriptionColumn();
  }

  @Test
  void rootAnswersWelcomeAsPlainText() {
    HttpResponse<String> response = api.get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("welcome");
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
  }

  @Test
  void listsSeedRowsWithTheOriginalsKeysAndNumbers() {
    HttpResponse<String> response = api.get("/hotels");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("[" + CALIFORNIA + "," + GALT + "]");
  }

  @Test
  void listIsAnEmptyArrayWhenThereAreNoHotels() {
    db.execute("DELETE FROM hotels");
    HttpResponse<String> response = api.get("/hotels");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
  }

  @Test
  void getsOneHotelOr404() {
    assertThat(api.get("/hotels/1").body()).isEqualTo(CALIFORNIA);
    HttpResponse<String> missing = api.get("/hotels/999");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":\"no hotel with Id 999\"}");
    assertThat(api.get("/hotels/99999999999").statusCode()).isEqualTo(404);
    assertThat(api.get("/hotels/1234567890123456789012345").statusCode()).isEqualTo(404);
    assertThat(api.send("DELETE", "/hotels/1234567890123456789012345", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void nullStarsReadBackAsNull() {
    db.execute("UPDATE hotels SET stars = NULL WHERE id = 2");
    assertThat(api.get("/hotels/2").body()).contains("\"Stars\":null");
    assertThat(api.get("/hotels").statusCode()).isEqualTo(200);
  }

  @Test
  void postStoresEveryFieldAndAnswersWithTheNewId() {
    HttpResponse<String> response =
        api.send(
            "POST",
            "/hotels",
            "{\"name\":\"Grand Budapest\",\"ADDRESS\":\"Zubrowka\",\"Stars\":9.3,"
                + "\"Description\":\"Pink\",\"Id\":77,\"unknown\":{\"x\":[1]}}");
    String expected =
        "{\"Id\":3,\"Name\":\"Grand Budapest\",\"Address\":\"Zubrowka\",\"Stars\":9.3,"
            + "\"Description\":\"Pink\"}";
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(expected);
    assertThat(api.get("/hotels/3").body()).isEqualTo(expected);
    assertThat(db.rows()).contains("3 | Grand Budapest | Zubrowka | 9.3 | Pink");
  }

  @Test
  void postWithoutStarsStoresNull() {
    HttpResponse<String> response =
        api.send("POST", "/hotels", "{\"Name\":\"N\",\"Address\":\"A\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"Stars\":null");
    assertThat(db.rows()).contains("3 | N | A | null | null");
  }

  @Test
  void putReplacesTheHotelAndAnswersWithIt() {
    String body =
        "{\"Name\":\"Hotel C\",\"Address\":\"Elsewhere\",\"Stars\":7.6,\"Description\":\"D\"}";
    HttpResponse<String> response = api.send("PUT", "/hotels/1", body);
    String expected =
        "{\"Id\":1,\"Name\":\"Hotel"
            + " C\",\"Address\":\"Elsewhere\",\"Stars\":7.6,\"Description\":\"D\"}";
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(expected);
    assertThat(api.get("/hotels/1").body()).isEqualTo(expected);
    // The same body again changes nothing, and is still a 200, not a 404.
    assertThat(api.send("PUT", "/hotels/1", body).statusCode()).isEqualTo(200);
  }

  @Test
  void putOnAMissingHotelIs404AndWritesNothing() {
    var before = db.rows();
    HttpResponse<String> response =
        api.send("PUT", "/hotels/42", "{\"Name\":\"N\",\"Address\":\"A\",\"Stars\":1}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"no hotel with Id 42\"}");
    assertThat(db.rows()).isEqualTo(before);
  }

  @Test
  void deleteRemovesTheHotelThen404() {
    HttpResponse<String> deleted = api.send("DELETE", "/hotels/2", null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(db.rows()).hasSize(1);
    assertThat(api.get("/hotels/2").statusCode()).isEqualTo(404);
    HttpResponse<String> again = api.send("DELETE", "/hotels/2", null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).isEqualTo("{\"error\":\"no hotel with Id 2\"}");
  }

  @Test
  void unknownPathIsJson404() {
    HttpResponse<String> response = api.get("/rooms");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"error\":\"no route for /rooms\"}");
  }

  @Test
  void wrongMethodIsJson405WithAllow() {
    HttpResponse<String> onItem = api.send("POST", "/hotels/1", "{}");
    assertThat(onItem.statusCode()).isEqualTo(405);
    assertThat(onItem.headers().firstValue("allow")).hasValue("GET, PUT, DELETE");
    assertThat(onItem.body()).startsWith("{\"error\":\"POST is not allowed on /hotels/1");
    HttpResponse<String> onList = api.send("DELETE", "/hotels", null);
    assertThat(onList.statusCode()).isEqualTo(405);
    assertThat(onList.headers().firstValue("allow")).hasValue("GET, POST");
    assertThat(db.rows()).hasSize(2);
  }

  @Test
  void healthAndReadiness() {
    assertThat(api.get("/healthz").body()).isEqualTo("{\"status\":\"up\"}");
    HttpResponse<String> ready = api.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
  }
}
