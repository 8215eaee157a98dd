package dev.envops.operator.planetscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server whose first connections answer their first request and close when the second arrives, as
 * a server does that closes an idle keep-alive connection just as the client reuses it; later
 * connections answer every request.
 */
class StaleConnectionRetryTest {

  private final ServerSocket server = serverSocket();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final OkHttpClient http =
      PlanetScaleClients.http(new PlanetScaleBudget(1_000_000, Duration.ofMinutes(1)));
  private Thread serving;

  @AfterEach
  void stop() throws Exception {
    http.connectionPool().evictAll();
    server.close();
    serving.join(5_000);
  }

  @Test
  void aGetOnAConnectionTheServerClosedIsSentOnceMoreOnANewOne() throws Exception {
    serve(1);

    assertThat(get()).isEqualTo(200);
    assertThat(get()).isEqualTo(200);

    assertThat(received).containsExactly("1 GET", "1 GET", "2 GET");
  }

  @Test
  void theRetryDoesNotTakeAnotherStaleConnectionFromThePool() throws Exception {
    serve(2);
    // Two at once: two connections, both idle in the pool afterwards.
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(this::getUnchecked);
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(this::getUnchecked);
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(200);

    assertThat(get()).isEqualTo(200);

    assertThat(received).hasSize(4).endsWith("3 GET");
  }

  @Test
  void aPostIsNeverSentTwice() throws Exception {
    serve(1);
    assertThat(get()).isEqualTo(200);

    Request post =
        new Request.Builder()
            .url(url())
            .post(RequestBody.create("{}", MediaType.get("application/json")))
            .build();
    assertThatThrownBy(() -> http.newCall(post).execute().close()).isInstanceOf(IOException.class);

    assertThat(received).containsExactly("1 GET", "1 POST");
  }

  private int get() throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url()).build()).execute()) {
      return response.code();
    }
  }

  private int getUnchecked() {
    try {
      return get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1/organizations/acme/databases";
  }

  /** Serves; the first {@code stale} connections answer once, each when all of them are open. */
  private void serve(int stale) {
    CountDownLatch allOpen = new CountDownLatch(stale);
    serving =
        new Thread(
            () -> {
              int connection = 0;
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  int number = ++connection;
                  Thread handler =
                      new Thread(() -> handle(socket, number, number <= stale ? allOpen : null));
                  handler.setDaemon(true);
                  handler.start();
                } catch (IOException e) {
                  // closed by stop()
                }
              }
            },
            "stale-connection-server");
    serving.setDaemon(true);
    serving.start();
  }

  private void handle(Socket socket, int connection, CountDownLatch allOpen) {
    try (socket) {
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      for (int request = 1; ; request++) {
        String method = readRequest(in);
        if (method == null) {
          return;
        }
        received.add(connection + " " + method);
        if (allOpen != null && request > 1) {
          return; // closes the connection without an answer
        }
        if (allOpen != null) {
          allOpen.countDown();
          allOpen.await(5, TimeUnit.SECONDS);
        }
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  /** The request's method, its headers and body read; null at the end of the stream. */
  private static String readRequest(BufferedReader in) throws IOException {
    String line = in.readLine();
    if (line == null) {
      return null;
    }
    int length = 0;
    for (String header = in.readLine();
        header != null && !header.isEmpty();
        header = in.readLine()) {
      if (header.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(header.substring("content-length:".length()).trim());
      }
    }
    in.skip(length);
    return line.substring(0, line.indexOf(' '));
  }

  private static ServerSocket serverSocket() {
    try {
      return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
