package dev.envops.operator.planetscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The PlanetScale REST calls envops makes on deploy requests, over okhttp with service-token auth.
 * Paths are relative to a configurable base URL ({@code https://api.planetscale.com/v1} in
 * production).
 */
public final class PlanetScaleClient {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl baseUrl;

  public PlanetScaleClient(OkHttpClient http, String baseUrl) {
    this.http = http;
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
    }
    this.baseUrl = parsed;
  }

  /** Open deploy requests from {@code branch} into {@code intoBranch}, newest first. */
  public List<DeployRequest> listOpen(
      ServiceToken token, String org, String database, String branch, String intoBranch) {
    return list(token, org, database, branch, intoBranch, "open");
  }

  /**
   * The newest deploy requests (first page, open and closed) from {@code branch} into {@code
   * intoBranch}, newest first: where a request created before a crash is found again.
   */
  public List<DeployRequest> listRecent(
      ServiceToken token, String org, String database, String branch, String intoBranch) {
    return list(token, org, database, branch, intoBranch, null);
  }

  private List<DeployRequest> list(
      ServiceToken token,
      String org,
      String database,
      String branch,
      String intoBranch,
      String state) {
    HttpUrl.Builder url =
        deployRequests(org, database)
            .addQueryParameter("branch", branch)
            .addQueryParameter("into_branch", intoBranch)
            .addQueryParameter("per_page", "50");
    if (state != null) {
      url.addQueryParameter("state", state);
    }
    JsonNode page = call(token, new Request.Builder().url(url.build()).get());
    List<DeployRequest> result = new ArrayList<>();
    for (JsonNode item : page.path("data")) {
      DeployRequest request = DeployRequestJson.read(item);
      // The filters are applied here too: an API that ignored one must not make us adopt a stranger.
      if ((state == null || state.equals(request.state()))
          && branch.equals(request.branch())
          && intoBranch.equals(request.intoBranch())) {
        result.add(request);
      }
    }
    result.sort((a, b) -> Long.compare(b.number(), a.number()));
    return result;
  }

  /** Creates a deploy request; {@code notes} should identify the revision it promotes. */
  public DeployRequest create(
      ServiceToken token,
      String org,
      String database,
      String branch,
      String intoBranch,
      String notes) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("branch", branch);
    body.put("into_branch", intoBranch);
    body.put("notes", notes);
    return DeployRequestJson.read(
        call(token, new Request.Builder().url(deployRequests(org, database).build()).post(json(body))));
  }

  public DeployRequest get(ServiceToken token, String org, String database, long number) {
    return DeployRequestJson.read(call(token, new Request.Builder().url(one(org, database, number)).get()));
  }

  /** Queues the deploy of a {@code ready} request. */
  public DeployRequest deploy(ServiceToken token, String org, String database, long number) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("instant_ddl", false);
    return DeployRequestJson.read(
        call(token, new Request.Builder().url(action(org, database, number, "deploy")).post(json(body))));
  }

  /** Completes a gated deploy that waits in {@code pending_cutover}. */
  public DeployRequest applyDeploy(ServiceToken token, String org, String database, long number) {
    return DeployRequestJson.read(
        call(
            token,
            new Request.Builder()
                .url(action(org, database, number, "apply-deploy"))
                .post(json(MAPPER.createObjectNode()))));
  }

  /** Closes a request (the only state change PATCH allows). */
  public DeployRequest close(ServiceToken token, String org, String database, long number) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("state", "closed");
    return DeployRequestJson.read(
        call(token, new Request.Builder().url(one(org, database, number)).patch(json(body))));
  }

  /** Approves a request for databases that require review. */
  public void approve(ServiceToken token, String org, String database, long number, String comment) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("state", "approved");
    body.put("body", comment);
    call(token, new Request.Builder().url(action(org, database, number, "reviews")).post(json(body)));
  }

  private HttpUrl.Builder deployRequests(String org, String database) {
    return baseUrl
        .newBuilder()
        .addPathSegment("organizations")
        .addPathSegment(org)
        .addPathSegment("databases")
        .addPathSegment(database)
        .addPathSegment("deploy-requests");
  }

  private HttpUrl one(String org, String database, long number) {
    return deployRequests(org, database).addPathSegment(Long.toString(number)).build();
  }

  private HttpUrl action(String org, String database, long number, String action) {
    return deployRequests(org, database)
        .addPathSegment(Long.toString(number))
        .addPathSegment(action)
        .build();
  }

  private static RequestBody json(JsonNode body) {
    return RequestBody.create(body.toString(), JSON);
  }

  private JsonNode call(ServiceToken token, Request.Builder builder) {
    Request request =
        builder
            .header("Authorization", token.authorizationHeader())
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      JsonNode body = text.isBlank() ? MAPPER.createObjectNode() : parse(text, response.code());
      if (!response.isSuccessful()) {
        String code = body.path("code").asText(defaultCode(response.code()));
        throw new PlanetScaleException(response.code(), code, body.path("message").asText(null));
      }
      return body;
    } catch (IOException e) {
      throw new PlanetScaleException(
          request.method() + " " + request.url().encodedPath() + " failed: " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(String text, int status) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      if (status >= 200 && status < 300) {
        throw new PlanetScaleException(status, "invalid_response", "answer is not JSON");
      }
      // Proxies answer errors in HTML; the status alone still says what happened.
      return MAPPER.createObjectNode();
    }
  }

  private static String defaultCode(int status) {
    return switch (status) {
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 422 -> "unprocessable";
      case 429 -> "rate_limited";
      default -> status >= 500 ? "server_error" : "http_" + status;
    };
  }
}
