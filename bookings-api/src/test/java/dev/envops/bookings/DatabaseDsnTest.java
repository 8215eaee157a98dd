package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.SslMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseDsnTest {

  @Test
  void parsesThePlanetScaleGoForm() {
    DatabaseDsn dsn =
        DatabaseDsn.parse(
            "abc123:pscale_pw_XYZ@tcp(aws.connect.psdb.cloud)/bookings_api"
                + "?tls=true&interpolateParams=true");
    assertThat(dsn.user()).isEqualTo("abc123");
    assertThat(dsn.password()).isEqualTo("pscale_pw_XYZ");
    assertThat(dsn.host()).isEqualTo("aws.connect.psdb.cloud");
    assertThat(dsn.port()).isEqualTo(3306);
    assertThat(dsn.database()).isEqualTo("bookings_api");
    assertThat(dsn.tls()).isEqualTo(TlsMode.VERIFY);
    assertThat(dsn.connectTimeout()).isEqualTo(DatabaseDsn.DEFAULT_CONNECT_TIMEOUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"p@ss", "p:ss", "p/ss", "a@b:c/d", "@:/", "p(s)s", "p?s=s&t"})
  void passwordsMayContainAtColonSlash(String password) {
    DatabaseDsn dsn = DatabaseDsn.parse("user:" + password + "@tcp(db.example:3307)/app?tls=false");
    assertThat(dsn.user()).isEqualTo("user");
    assertThat(dsn.password()).isEqualTo(password);
    assertThat(dsn.host()).isEqualTo("db.example");
    assertThat(dsn.port()).isEqualTo(3307);
    assertThat(dsn.database()).isEqualTo("app");
    assertThat(dsn.tls()).isEqualTo(TlsMode.DISABLED);
  }

  @Test
  void goDefaultsApply() {
    DatabaseDsn bare = DatabaseDsn.parse("/app");
    assertThat(bare.host()).isEqualTo("127.0.0.1");
    assertThat(bare.port()).isEqualTo(3306);
    assertThat(bare.user()).isEmpty();
    assertThat(bare.tls()).isEqualTo(TlsMode.DISABLED);
    DatabaseDsn noPassword = DatabaseDsn.parse("root@tcp([::1]:3310)/app?timeout=1m30s");
    assertThat(noPassword.user()).isEqualTo("root");
    assertThat(noPassword.password()).isEmpty();
    assertThat(noPassword.host()).isEqualTo("::1");
    assertThat(noPassword.port()).isEqualTo(3310);
    assertThat(noPassword.connectTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void tlsValuesFollowGoSqlDriver() {
    assertThat(DatabaseDsn.parse("u:p@tcp(h)/d?tls=skip-verify").tls())
        .isEqualTo(TlsMode.SKIP_VERIFY);
    assertThat(DatabaseDsn.parse("u:p@tcp(h)/d?tls=preferred").tls()).isEqualTo(TlsMode.PREFERRED);
    assertThat(DatabaseDsn.parse("u:p@tcp(h)/d?tls=1").tls()).isEqualTo(TlsMode.VERIFY);
    assertThatThrownBy(() -> DatabaseDsn.parse("u:secret@tcp(h)/d?tls=custom"))
        .hasMessageContaining("tls='custom'")
        .hasMessageNotContaining("secret");
  }

  @Test
  void tlsTrueVerifiesCertificateAndHostNameAgainstSystemCas() {
    MySQLConnectOptions options =
        ConnectOptions.mysql(
            DatabaseDsn.parse("u:p@tcp(aws.connect.psdb.cloud)/d?tls=true"),
            new ServerTuning(1, 1, 1));
    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_IDENTITY);
    assertThat(options.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(options.getSslOptions().isTrustAll()).isFalse();
    assertThat(options.getSslOptions().getTrustOptions()).isNotNull();
    assertThat(options.getPassword()).isEqualTo("p");
  }

  @Test
  void acceptsMysqlUrls() {
    DatabaseDsn dsn =
        DatabaseDsn.parse("mysql://app:p%40ss%3Aw%2Frd@db.internal:3307/bookings?tls=true");
    assertThat(dsn.user()).isEqualTo("app");
    assertThat(dsn.password()).isEqualTo("p@ss:w/rd");
    assertThat(dsn.host()).isEqualTo("db.internal");
    assertThat(dsn.port()).isEqualTo(3307);
    assertThat(dsn.database()).isEqualTo("bookings");
    assertThat(dsn.tls()).isEqualTo(TlsMode.VERIFY);
    DatabaseDsn raw = DatabaseDsn.parse("mysql://app:p@ss@db/bookings?ssl-mode=REQUIRED");
    assertThat(raw.password()).isEqualTo("p@ss");
    assertThat(raw.host()).isEqualTo("db");
    assertThat(raw.port()).isEqualTo(3306);
    assertThat(raw.tls()).isEqualTo(TlsMode.SKIP_VERIFY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "user:hunter2",
        "user:hunter2@tcp(host:3306",
        "user:hunter2@tcp(host:3306)x/db",
        "user:hunter2@unix(/tmp/sock)/db",
        "user:hunter2@tcp(host:notaport)/db",
        "user:hunter2@tcp(host:99999)/db",
        "user:hunter2@tcp(host)/db?timeout=soon",
        "user:hunter2@tcp(host)/db?novalue",
        "mysql://user:hunter2@/db"
      })
  void unparsableDsnsAreRefusedWithoutShowingThePassword(String text) {
    assertThatThrownBy(() -> DatabaseDsn.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DSN is ")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void toStringHidesThePassword() {
    String text = DatabaseDsn.parse("user:hunter2@tcp(h:1)/d").toString();
    assertThat(text).doesNotContain("hunter2").contains("user:***@h:1/d");
  }
}
