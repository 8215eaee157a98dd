package dev.envops.sandbox.planetscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal PlanetScale REST client for tests: one database, one service token. */
final class ApiClient {

  /** A response: status and parsed JSON body. */
  record Reply(int status, JsonNode json) {
    String state() {
      return json.path("deployment_state").asText();
    }

    long number() {
      return json.path("number").asLong();
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String databaseUrl;
  private final String authorization;

  ApiClient(PlanetScaleSimulator simulator, String org, String db, String authorization) {
    this.databaseUrl = simulator.baseUrl() + "/organizations/" + org + "/databases/" + db;
    this.authorization = authorization;
  }

  ApiClient as(String otherAuthorization) {
    return new ApiClient(databaseUrl, otherAuthorization);
  }

  private ApiClient(String databaseUrl, String authorization) {
    this.databaseUrl = databaseUrl;
    this.authorization = authorization;
  }

  Reply create(String branch, String into) {
    return send(
        "POST",
        "/deploy-requests",
        "{\"branch\":\"" + branch + "\",\"into_branch\":\"" + into + "\",\"notes\":\"test\"}");
  }

  Reply get(long number) {
    return send("GET", "/deploy-requests/" + number, null);
  }

  Reply deploy(long number) {
    return send("POST", "/deploy-requests/" + number + "/deploy", "{\"instant_ddl\":false}");
  }

  Reply action(long number, String action) {
    return send("POST", "/deploy-requests/" + number + "/" + action, null);
  }

  Reply revert(long number) {
    return action(number, "revert");
  }

  Reply skipRevert(long number) {
    return action(number, "skip-revert");
  }

  /** {@code pscale deploy-request unblock} (planetscale-go's {@code UnblockDeploy}). */
  Reply completeDeploy(long number) {
    return action(number, "complete-deploy");
  }

  Reply deployQueue() {
    return send("GET", "/deploy-queue", null);
  }

  Reply close(long number) {
    return send("PATCH", "/deploy-requests/" + number, "{\"state\":\"closed\"}");
  }

  Reply approve(long number) {
    return send(
        "POST",
        "/deploy-requests/" + number + "/reviews",
        "{\"state\":\"approved\",\"body\":\"ok\"}");
  }

  Reply send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(databaseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
      return new Reply(response.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
