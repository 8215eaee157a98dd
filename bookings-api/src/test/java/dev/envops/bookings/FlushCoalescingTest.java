package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.sandbox.mariadb.MariaDbServer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements one event loop issues in one turn reach the database in one TCP write: a proxy between
 * the client and a real MariaDB counts the reads it needs to receive them.
 */
class FlushCoalescingTest {

  private static final int STATEMENTS = 12;
  private static final String LIST = "SELECT id, name, address, stars FROM hotels ORDER BY id";

  private static MariaDbServer mariadb;
  private static TestDatabase db;
  private static CountingProxy proxy;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws IOException {
    mariadb = MariaDbServer.start();
    db = TestDatabase.create(mariadb);
    proxy = new CountingProxy(mariadb.port());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    proxy.close();
    mariadb.close();
  }

  @Test
  void statementsOfOneTurnLeaveInOneWrite() throws Exception {
    Context context = vertx.getOrCreateContext();
    DatabaseDsn dsn = DatabaseDsn.parse("root@tcp(127.0.0.1:" + proxy.port() + ")/" + db.name());
    SqlClient client =
        onContext(
            context,
            () ->
                Future.succeededFuture(
                    BookingsServer.client(vertx, dsn, ServerTuning.defaults(), 1)));
    // The first execution connects and prepares the statement; after it, only executes are sent.
    onContext(context, () -> client.preparedQuery(LIST).execute());
    int readsBefore = proxy.clientReads();

    List<Integer> sizes =
        onContext(
            context,
            () -> {
              List<Future<Integer>> all = new ArrayList<>();
              for (int i = 0; i < STATEMENTS; i++) {
                all.add(client.preparedQuery(LIST).execute().map(rows -> rows.size()));
              }
              return Future.all(all).map(done -> done.<Integer>list());
            });

    assertThat(sizes).hasSize(STATEMENTS).allMatch(size -> size == sizes.get(0) && size > 0);
    assertThat(proxy.clientReads() - readsBefore)
        .as("reads the proxy needed for %d statements sent in one event-loop turn", STATEMENTS)
        .isEqualTo(1);
    onContext(context, client::close);
  }

  @Test
  void sitsAfterTlsSoThatTlsEncryptsATurnAtOnce() {
    EmbeddedChannel plain = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    FlushCoalescing.install(plain.pipeline());
    FlushCoalescing.install(plain.pipeline());
    assertThat(plain.pipeline().names()).startsWith(FlushCoalescing.HANDLER_NAME);
    assertThat(plain.pipeline().names()).containsOnlyOnce(FlushCoalescing.HANDLER_NAME);

    EmbeddedChannel tls = new EmbeddedChannel();
    tls.pipeline().addLast("ssl", new ChannelInboundHandlerAdapter());
    tls.pipeline().addLast("codec", new ChannelInboundHandlerAdapter());
    FlushCoalescing.install(tls.pipeline());
    assertThat(tls.pipeline().names())
        .containsSubsequence("ssl", FlushCoalescing.HANDLER_NAME, "codec");
    plain.finishAndReleaseAll();
    tls.finishAndReleaseAll();
  }

  private static <T> T onContext(Context context, Supplier<Future<T>> work) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(ignored -> work.get().onComplete(result));
    return result.future().await(10, TimeUnit.SECONDS);
  }

  /** Forwards TCP to MariaDB and counts the non-empty reads of what clients send. */
  private static final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final AtomicInteger clientReads = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();

    CountingProxy(int target) throws IOException {
      this.target = target;
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(this::accept, "proxy-accept");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    int clientReads() {
      return clientReads.get();
    }

    private void accept() {
      try {
        while (true) {
          Socket client = listener.accept();
          Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
          client.setTcpNoDelay(true);
          server.setTcpNoDelay(true);
          synchronized (sockets) {
            sockets.add(client);
            sockets.add(server);
          }
          pump(client.getInputStream(), server.getOutputStream(), clientReads);
          pump(server.getInputStream(), client.getOutputStream(), new AtomicInteger());
        }
      } catch (IOException closed) {
        // the test is over
      }
    }

    private static void pump(InputStream in, OutputStream out, AtomicInteger reads) {
      Thread thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[64 * 1024];
                try {
                  for (int n; (n = in.read(buffer)) > 0; ) {
                    reads.incrementAndGet();
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                } catch (IOException closed) {
                  // connection gone
                }
              },
              "proxy-pump");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      listener.close();
      synchronized (sockets) {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }
}
