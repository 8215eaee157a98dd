package dev.envops.bookings;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: a Vert.x instance, one HTTP verticle and one pool per event loop. */
public final class BookingsServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BookingsServer.class);
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final List<HttpVerticle> verticles;

  private BookingsServer(Vertx vertx, List<HttpVerticle> verticles) {
    this.vertx = vertx;
    this.verticles = verticles;
  }

  /** Starts listening; the database may still be down (requests then get 503 until it is up). */
  public static BookingsServer start(ListenAddress listen, DatabaseDsn dsn, ServerTuning tuning) {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(tuning.eventLoops())
                .setPreferNativeTransport(true));
    try {
      DescriptionColumn description = new DescriptionColumn();
      int perLoop =
          Math.max(1, (tuning.poolSize() + tuning.eventLoops() - 1) / tuning.eventLoops());
      List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
      vertx
          .deployVerticle(
              () -> {
                HttpVerticle verticle =
                    new HttpVerticle(
                        listen,
                        () -> new HotelRepository(client(vertx, dsn, tuning, perLoop), description),
                        verticles.isEmpty());
                verticles.add(verticle);
                return verticle;
              },
              new DeploymentOptions().setInstances(tuning.eventLoops()))
          .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new BookingsServer(vertx, verticles);
    } catch (TimeoutException e) {
      vertx.close();
      throw new IllegalStateException("HTTP server did not start within 30 s", e);
    } catch (Exception e) {
      // Future.await rethrows the cause as is, checked or not (a bind failure is an IOException).
      vertx.close();
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * One event loop's own client, built on that loop: its connections live on the thread that serves
   * the HTTP requests, so a query and its answer never cross to another thread. With a pipelining
   * limit above 1 it is the MySQL client's pipelined pool (several statements in flight per
   * connection), which hands out no connections of its own: fine here, every operation is a single
   * statement. Every new connection gets {@link FlushCoalescing}.
   */
  @SuppressWarnings("unchecked")
  static SqlClient client(Vertx vertx, DatabaseDsn dsn, ServerTuning tuning, int size) {
    ClientBuilder<SqlClient> builder =
        tuning.pipeliningLimit() > 1
            ? MySQLBuilder.client()
            : (ClientBuilder<SqlClient>) (ClientBuilder<?>) MySQLBuilder.pool();
    return builder
        .with(
            new PoolOptions()
                .setMaxSize(size)
                .setMaxWaitQueueSize(10_000)
                .setConnectionTimeout(5)
                .setConnectionTimeoutUnit(TimeUnit.SECONDS)
                .setIdleTimeout(5)
                .setIdleTimeoutUnit(TimeUnit.MINUTES)
                .setPoolCleanerPeriod(30_000))
        .with(ConnectOptions.net(dsn))
        .withConnectHandler(FlushCoalescing::onConnect)
        .connectingTo(ConnectOptions.mysql(dsn, tuning))
        .using(vertx)
        .build();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return verticles.get(0).actualPort();
  }

  /** True when Netty's epoll transport is in use rather than NIO. */
  public boolean nativeTransport() {
    return vertx.isNativeTransportEnabled();
  }

  /** Stops accepting, lets requests in flight finish, then closes the pools and Vert.x. */
  @Override
  public void close() {
    try {
      for (String id : vertx.deploymentIDs()) {
        vertx.undeploy(id).await(HttpVerticle.SHUTDOWN_GRACE_SECONDS + 10, TimeUnit.SECONDS);
      }
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("shutdown was not clean: {}", e.toString());
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        LOG.warn("Vert.x did not close within 10 s");
      }
    }
  }
}
