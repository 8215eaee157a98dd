package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.sandbox.mariadb.MariaDbServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DSN's tls parameter against a server without TLS: modes that require TLS refuse to fall back
 * to plain text (503), the optional ones connect.
 */
class TlsModeTest {

  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create(MariaDbServer.shared());
  }

  @ParameterizedTest(name = "tls={0} -> {1}")
  @CsvSource({"true, 503", "skip-verify, 503", "preferred, 200", "false, 200"})
  void requiredTlsNeverDowngradesToPlainText(String tls, int expected) {
    try (BookingsServer server =
        BookingsServer.start(
            new ListenAddress("127.0.0.1", 0),
            DatabaseDsn.parse(db.dsn() + "?tls=" + tls),
            ServerTuning.defaults())) {
      ApiClient api = new ApiClient(server.port());
      assertThat(api.get("/hotels").statusCode()).isEqualTo(expected);
      assertThat(api.get("/readyz").statusCode()).isEqualTo(expected);
    }
  }
}
