package dev.envops.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An API client of the bookings service, as served from a Lightsail URL. */
public final class HotelsClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** {@code GET /hotels}, each hotel as its JSON object. */
  public List<JsonNode> hotels(String serviceUrl) {
    HttpResponse<String> response =
        succeeded(send(HttpRequest.newBuilder(hotelsUri(serviceUrl)).GET()));
    try {
      List<JsonNode> hotels = new ArrayList<>();
      JSON.readTree(response.body()).forEach(hotels::add);
      return hotels;
    } catch (JsonProcessingException e) {
      throw new StoryFailure("GET " + hotelsUri(serviceUrl) + " did not answer JSON", e);
    }
  }

  /** {@code POST /hotels}; returns the created hotel's {@code Id}. */
  public long add(
      String serviceUrl, String name, String address, double stars, String description) {
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of("Name", name, "Address", address, "Stars", stars, "Description", description));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpResponse<String> response =
        succeeded(
            send(
                HttpRequest.newBuilder(hotelsUri(serviceUrl))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
    try {
      return JSON.readTree(response.body()).path("Id").asLong();
    } catch (JsonProcessingException e) {
      throw new StoryFailure("POST " + hotelsUri(serviceUrl) + " did not answer JSON", e);
    }
  }

  /** The {@code Description} of hotel {@code id} as {@code GET /hotels} lists it (null if none). */
  public String description(String serviceUrl, long id) {
    return hotels(serviceUrl).stream()
        .filter(hotel -> hotel.path("Id").asLong() == id)
        .findFirst()
        .map(hotel -> hotel.path("Description"))
        .filter(node -> !node.isNull() && !node.isMissingNode())
        .map(JsonNode::asText)
        .orElse(null);
  }

  /** The status code of {@code GET path} on the service. */
  public int status(String serviceUrl, String path) {
    return send(HttpRequest.newBuilder(URI.create(serviceUrl).resolve(path)).GET()).statusCode();
  }

  static URI hotelsUri(String serviceUrl) {
    return URI.create(serviceUrl).resolve("/hotels");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StoryFailure(built.method() + " " + built.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoryFailure("interrupted", e);
    }
  }

  private static HttpResponse<String> succeeded(HttpResponse<String> response) {
    if (response.statusCode() >= 300) {
      throw new StoryFailure(
          response.request().method()
              + " "
              + response.uri()
              + " answered HTTP "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response;
  }
}
