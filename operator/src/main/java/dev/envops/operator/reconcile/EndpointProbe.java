package dev.envops.operator.reconcile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks the service's public URL for its health path (one GET with a short timeout). */
public interface EndpointProbe {

  /** Empty when the endpoint answered with a success code, else why not. */
  Optional<String> probe(URI url, String successCodes);

  /** A probe that always succeeds (Lightsail's own health check already gated ACTIVE). */
  static EndpointProbe disabled() {
    return (url, codes) -> Optional.empty();
  }

  /** An HTTP GET with a 3-second timeout. */
  static EndpointProbe http() {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return (url, codes) -> {
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return SuccessCodes.matches(codes, response.statusCode())
            ? Optional.empty()
            : Optional.of(url + " answered HTTP " + response.statusCode());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(url + " did not answer: interrupted");
      } catch (Exception e) {
        return Optional.of(url + " did not answer: " + e.getClass().getSimpleName());
      }
    };
  }
}
