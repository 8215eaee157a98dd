package dev.envops.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes the front's answers: JSON documents, or what the mock said. */
final class Responses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  static void forward(HttpExchange exchange, BackendResponse response) throws IOException {
    String type = response.contentType() == null ? "application/json" : response.contentType();
    send(exchange, response.code(), type, response.body());
  }

  static void sendJson(HttpExchange exchange, int code, JsonNode document) throws IOException {
    try {
      send(exchange, code, "application/json", JSON.writeValueAsBytes(document));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void send(HttpExchange exchange, int code, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
