package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a JSON 4xx naming the problem, and the table is left exactly as it was. */
class BadInputTest {

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
            // The plain (unpipelined) pool: the other tests run the default, pipelined one.
            new ServerTuning(1, 2, 1));
    api = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> badBodies() {
    String ok = "\"Name\":\"N\",\"Address\":\"A\"";
    return Stream.of(
        Arguments.of("{\"Name\":", "malformed JSON"),
        Arguments.of("not json", "malformed JSON"),
        Arguments.of("{" + ok + "} trailing", "malformed JSON"),
        Arguments.of("[1,2]", "JSON object"),
        Arguments.of("", "JSON object"),
        Arguments.of("{\"Address\":\"A\"}", "Name is required"),
        Arguments.of("{\"Name\":\"\",\"Address\":\"A\"}", "Name is required"),
        Arguments.of("{\"Name\":\"   \",\"Address\":\"A\"}", "Name is required"),
        Arguments.of("{\"Name\":\"N\"}", "Address is required"),
        Arguments.of("{\"Name\":\"N\",\"Address\":null}", "Address is required"),
        Arguments.of("{\"Name\":5,\"Address\":\"A\"}", "Name must be a string"),
        Arguments.of(
            "{\"Name\":\"" + "x".repeat(51) + "\",\"Address\":\"A\"}", "Name must be at most 50"),
        Arguments.of(
            "{\"Name\":\"N\",\"Address\":\"" + "é".repeat(51) + "\"}",
            "Address must be at most 50"),
        Arguments.of(
            "{" + ok + ",\"Description\":\"" + "d".repeat(401) + "\"}",
            "Description must be at most 400"),
        Arguments.of("{" + ok + ",\"Description\":7}", "Description must be a string"),
        Arguments.of("{" + ok + ",\"Stars\":10.5}", "Stars must be a number from 0 to 10"),
        Arguments.of("{" + ok + ",\"Stars\":-1}", "Stars must be a number from 0 to 10"),
        Arguments.of("{" + ok + ",\"Stars\":1e400}", "Stars must be a number from 0 to 10"),
        Arguments.of("{" + ok + ",\"Stars\":\"7\"}", "Stars must be a number from 0 to 10"),
        Arguments.of("{" + ok + ",\"Stars\":true}", "Stars must be a number from 0 to 10"));
  }

  @ParameterizedTest(name = "POST {0}")
  @MethodSource("badBodies")
  void postRejectsAndWritesNothing(String body, String message) {
    assertRejected(() -> api.send("POST", "/hotels", body), 400, message);
  }

  @ParameterizedTest(name = "PUT {0}")
  @MethodSource("badBodies")
  void putRejectsAndWritesNothing(String body, String message) {
    assertRejected(() -> api.send("PUT", "/hotels/1", body), 400, message);
  }

  @Test
  void nonNumericIdsAre400() {
    for (String id : List.of("abc", "-1", "1.5", "1e3", "%20")) {
      assertRejected(
          () -> api.get("/hotels/" + id), 400, "Id in the path must be a positive integer");
      assertRejected(
          () -> api.send("PUT", "/hotels/" + id, "{\"Name\":\"N\",\"Address\":\"A\"}"),
          400,
          "Id in the path must be a positive integer");
      assertRejected(
          () -> api.send("DELETE", "/hotels/" + id, null),
          400,
          "Id in the path must be a positive integer");
    }
  }

  @Test
  void bodiesOver64KibAreRefused() {
    String big = "{\"Name\":\"N\",\"Address\":\"A\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
    assertRejected(() -> api.send("POST", "/hotels", big), 400, "at most 65536 bytes");
  }

  @Test
  void aValidBodyJustUnderTheLimitIsAccepted() {
    String padding = "x".repeat(60 * 1024);
    HttpResponse<String> response =
        api.send(
            "POST", "/hotels", "{\"Name\":\"N\",\"Address\":\"A\",\"pad\":\"" + padding + "\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    db.execute("DELETE FROM hotels WHERE name = 'N'");
  }

  private void assertRejected(
      java.util.function.Supplier<HttpResponse<String>> request, int status, String message) {
    List<String> before = db.rows();
    String autoIncrement = db.autoIncrement();
    HttpResponse<String> response = request.get();
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).startsWith("{\"error\":\"").contains(message);
    assertThat(db.rows()).isEqualTo(before);
    assertThat(db.autoIncrement()).isEqualTo(autoIncrement);
  }
}
