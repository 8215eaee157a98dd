package dev.envops.sandbox.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A container service's public URL: a stable loopback port that forwards every request to the
 * container of the active deployment, so the URL survives rollouts as Lightsail's does.
 */
final class ServiceFrontDoor implements AutoCloseable {

  /** Hop-by-hop headers and the ones the JDK client sets itself. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private volatile ContainerProcess active;

  private ServiceFrontDoor(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  static ServiceFrontDoor open(String serviceName) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService threads =
          Executors.newFixedThreadPool(
              4,
              runnable -> {
                Thread thread = new Thread(runnable, "front-door-" + serviceName);
                thread.setDaemon(true);
                return thread;
              });
      ServiceFrontDoor door = new ServiceFrontDoor(server, threads);
      server.setExecutor(threads);
      server.createContext("/", door::forward);
      server.start();
      return door;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a port for " + serviceName, e);
    }
  }

  /** {@code http://127.0.0.1:PORT/}. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Sends traffic to {@code container} from now on; returns the one that served before. */
  ContainerProcess switchTo(ContainerProcess container) {
    ContainerProcess previous = active;
    active = container;
    return previous;
  }

  ContainerProcess active() {
    return active;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try {
      ContainerProcess target = active;
      if (target == null) {
        reply(exchange, 503, "no deployment is active\n");
        return;
      }
      HttpResponse<byte[]> response;
      try {
        response = http.send(request(exchange, target), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        reply(exchange, 502, "the container did not answer\n");
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(exchange, 503, "shutting down\n");
        return;
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] body = response.body();
      boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } finally {
      exchange.close();
    }
  }

  private static HttpRequest request(HttpExchange exchange, ContainerProcess target)
      throws IOException {
    URI uri = URI.create("http://127.0.0.1:" + target.port() + exchange.getRequestURI());
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> builder.header(header.getKey(), value));
      }
    }
    return builder.build();
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
