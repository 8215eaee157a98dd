package dev.envops.bookings;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the bookings API from {@code LISTEN} and {@code DSN}, and stops it on SIGTERM. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    ListenAddress listen;
    DatabaseDsn dsn;
    ServerTuning tuning;
    try {
      listen = ListenAddress.parse(env.get("LISTEN"));
      dsn = DatabaseDsn.parse(env.get("DSN"));
      tuning = ServerTuning.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      // The messages are written never to contain the DSN's password.
      System.err.println("bookings-api: " + e.getMessage());
      System.exit(2);
      return;
    }
    BookingsServer server;
    try {
      server = BookingsServer.start(listen, dsn, tuning);
    } catch (RuntimeException e) {
      // E.g. the port is taken. Exit rather than leave Vert.x threads keeping the JVM alive.
      LOG.error("cannot start on {}: {}", listen, e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping: finishing requests in flight");
                  server.close();
                  LOG.info("stopped");
                },
                "shutdown"));
    LOG.info(
        "listening on http://{}:{} (database {}:{}/{}, tls {}, {} event loops, pool {}, {})",
        listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host(),
        server.port(),
        dsn.host(),
        dsn.port(),
        dsn.database(),
        dsn.tls().name().toLowerCase(java.util.Locale.ROOT),
        tuning.eventLoops(),
        tuning.poolSize(),
        server.nativeTransport() ? "epoll" : "nio");
  }
}
