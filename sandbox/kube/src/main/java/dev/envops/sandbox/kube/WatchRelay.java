package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Turns the mock's WebSocket watch into the chunked HTTP watch kubectl and client-go use: one
 * {@code WatchEvent} JSON document per line.
 */
final class WatchRelay {

  private static final String END = "";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Backend backend;
  private final BooleanSupplier running;

  WatchRelay(Backend backend, BooleanSupplier running) {
    this.backend = backend;
    this.running = running;
  }

  /**
   * Streams events until the client goes away, the timeout passes or the sandbox stops.
   *
   * @param sinceResourceVersion events the client already saw in its list (the mock replays every
   *     matching object as ADDED when a watch opens) are skipped
   * @param wanted objects outside the client's field selector are not sent
   * @param objects turns each event's object into what the client asked for (e.g. a Table)
   */
  void relay(
      HttpExchange exchange,
      String backendPathAndQuery,
      long sinceResourceVersion,
      Duration timeout,
      Predicate<JsonNode> wanted,
      UnaryOperator<JsonNode> objects)
      throws IOException {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WebSocket socket =
        backend.openWatch(
            backendPathAndQuery,
            new WebSocketListener() {
              @Override
              public void onMessage(WebSocket webSocket, String text) {
                events.add(text);
              }

              @Override
              public void onClosed(WebSocket webSocket, int code, String reason) {
                events.add(END);
              }

              @Override
              public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                events.add(END);
              }
            });
    Instant deadline = Instant.now().plus(timeout);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.flush();
      while (running.getAsBoolean() && Instant.now().isBefore(deadline)) {
        String event = events.poll(200, TimeUnit.MILLISECONDS);
        if (event == null) {
          continue;
        }
        if (event.equals(END)) {
          break;
        }
        String line = translate(event, sinceResourceVersion, wanted, objects);
        if (line != null) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // kubectl closed the connection (Ctrl-C, wait satisfied): nothing left to do.
    } finally {
      socket.cancel();
    }
  }

  private static String translate(
      String event,
      long sinceResourceVersion,
      Predicate<JsonNode> wanted,
      UnaryOperator<JsonNode> objects)
      throws IOException {
    JsonNode node = JSON.readTree(event);
    String type = node.path("type").asText();
    JsonNode object = node.path("object");
    if (type.equals("ERROR") || object.isMissingNode()) {
      return event;
    }
    if (type.equals("ADDED") && resourceVersion(object) <= sinceResourceVersion
        || !wanted.test(object)) {
      return null;
    }
    ObjectNode translated = JSON.createObjectNode();
    translated.put("type", type);
    translated.set("object", objects.apply(object));
    return translated.toString();
  }

  private static long resourceVersion(JsonNode object) {
    try {
      return Long.parseLong(object.path("metadata").path("resourceVersion").asText("0"));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
