package dev.envops.bookings;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.SslMode;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;

/** Turns a {@link DatabaseDsn} and the tuning into the MySQL client's options. */
final class ConnectOptions {

  private ConnectOptions() {}

  static MySQLConnectOptions mysql(DatabaseDsn dsn, ServerTuning tuning) {
    MySQLConnectOptions options =
        new MySQLConnectOptions()
            .setHost(dsn.host())
            .setPort(dsn.port())
            .setUser(dsn.user())
            .setPassword(dsn.password())
            .setDatabase(dsn.database())
            .setCharset("utf8mb4")
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(64)
            .setPipeliningLimit(tuning.pipeliningLimit());
    switch (dsn.tls()) {
      case DISABLED:
        options.setSslMode(SslMode.DISABLED);
        break;
      case PREFERRED:
        options
            .setSslMode(SslMode.PREFERRED)
            .setSslOptions(new ClientSSLOptions().setTrustAll(true));
        break;
      case SKIP_VERIFY:
        options
            .setSslMode(SslMode.REQUIRED)
            .setSslOptions(new ClientSSLOptions().setTrustAll(true));
        break;
      case VERIFY:
        // go-sql-driver's tls=true: the system's trust store, and the host name must match.
        options
            .setSslMode(SslMode.VERIFY_IDENTITY)
            .setSslOptions(
                new ClientSSLOptions()
                    .setTrustOptions(TrustOptions.wrap(systemTrust()))
                    .setHostnameVerificationAlgorithm("HTTPS"));
        break;
      default:
        throw new IllegalStateException("unhandled TLS mode " + dsn.tls());
    }
    return options;
  }

  static NetClientOptions net(DatabaseDsn dsn) {
    return new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, dsn.connectTimeout().toMillis()))
        .setTcpNoDelay(true);
  }

  private static TrustManagerFactory systemTrust() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the system trust store", e);
    }
  }
}
