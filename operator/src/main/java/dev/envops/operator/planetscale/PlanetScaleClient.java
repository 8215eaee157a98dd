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
public final class PlanetScaleClient implements DeployRequests {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int PER_PAGE = 100;
  static final int MAX_PAGES = 50;

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

  /**
   * Every deploy request (open and closed) from {@code branch} into {@code intoBranch}, newest
   * first: where a request created before a crash is found again. Reads every page (PlanetScale's
   * sort order is not documented, so no page can be skipped), at most {@link #MAX_PAGES}.
   */
  @Override
  public List<DeployRequest> listAll(
      ServiceToken token, String org, String database, String branch, String intoBranch) {
    List<DeployRequest> result = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      HttpUrl url =
          deployRequests(org, database)
              .addQueryParameter("branch", branch)
              .addQueryParameter("into_branch", intoBranch)
              .addQueryParameter("page", Integer.toString(page))
              .addQueryParameter("per_page", Integer.toString(PER_PAGE))
              .build();
      JsonNode answer =
          call(token, PlanetScaleApi.LIST_DEPLOY_REQUESTS, new Request.Builder().url(url).get());
      for (JsonNode item : answer.path("data")) {
        DeployRequest request = DeployRequestJson.read(item);
        // The filters are applied here too: an API that ignored one must not make us adopt a
        // stranger.
        if (branch.equals(request.branch()) && intoBranch.equals(request.intoBranch())) {
          result.add(request);
        }
      }
      JsonNode next = answer.get("next_page");
      if (next == null || next.isNull() || answer.path("data").isEmpty()) {
        break;
      }
    }
    result.sort((a, b) -> Long.compare(b.number(), a.number()));
    return result;
  }

  /** The database's deploy queue: what runs or blocks it, then what waits. */
  @Override
  public List<DeployRequest.QueuedDeployment> deployQueue(
      ServiceToken token, String org, String database) {
    HttpUrl url =
        baseUrl
            .newBuilder()
            .addPathSegment("organizations")
            .addPathSegment(org)
            .addPathSegment("databases")
            .addPathSegment(database)
            .addPathSegment("deploy-queue")
            .build();
    JsonNode answer =
        call(token, PlanetScaleApi.GET_DEPLOY_QUEUE, new Request.Builder().url(url).get());
    List<DeployRequest.QueuedDeployment> queue = new ArrayList<>();
    for (JsonNode item : answer.path("data")) {
      queue.add(DeployRequestJson.queuedDeployment(item));
    }
    return queue;
  }

  /** Creates a deploy request; {@code notes} should identify the revision it promotes. */
  @Override
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
        call(
            token,
            PlanetScaleApi.CREATE_DEPLOY_REQUEST,
            new Request.Builder().url(deployRequests(org, database).build()).post(json(body))));
  }

  @Override
  public DeployRequest get(ServiceToken token, String org, String database, long number) {
    return DeployRequestJson.read(
        call(
            token,
            PlanetScaleApi.GET_DEPLOY_REQUEST,
            new Request.Builder().url(one(org, database, number)).get()));
  }

  /** Queues the deploy of a {@code ready} request. */
  @Override
  public DeployRequest deploy(ServiceToken token, String org, String database, long number) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("instant_ddl", false);
    return action(token, PlanetScaleApi.DEPLOY, org, database, number, "deploy", body);
  }

  /** Completes a gated deploy that waits in {@code pending_cutover}. */
  @Override
  public DeployRequest applyDeploy(ServiceToken token, String org, String database, long number) {
    return action(token, PlanetScaleApi.APPLY_DEPLOY, org, database, number, "apply-deploy", null);
  }

  /** Ends the revert window of a deployed request, freeing the deploy queue behind it. */
  @Override
  public DeployRequest skipRevert(ServiceToken token, String org, String database, long number) {
    return action(token, PlanetScaleApi.SKIP_REVERT, org, database, number, "skip-revert", null);
  }

  /** Reverts a deployed request's schema change inside its revert window. */
  @Override
  public DeployRequest revert(ServiceToken token, String org, String database, long number) {
    return action(token, PlanetScaleApi.REVERT, org, database, number, "revert", null);
  }

  /**
   * Marks a failed deploy or revert ({@code complete_error}, {@code complete_revert_error})
   * complete so the database's deploy queue proceeds: what {@code pscale deploy-request unblock}
   * does.
   */
  @Override
  public DeployRequest completeDeploy(
      ServiceToken token, String org, String database, long number) {
    return action(
        token, PlanetScaleApi.COMPLETE_DEPLOY, org, database, number, "complete-deploy", null);
  }

  /** Closes a request (the only state change PATCH allows). */
  @Override
  public DeployRequest close(ServiceToken token, String org, String database, long number) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("state", "closed");
    return DeployRequestJson.read(
        call(
            token,
            PlanetScaleApi.CLOSE_DEPLOY_REQUEST,
            new Request.Builder().url(one(org, database, number)).patch(json(body))));
  }

  /** Approves a request for databases that require review. */
  @Override
  public void approve(
      ServiceToken token, String org, String database, long number, String comment) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("state", "approved");
    body.put("body", comment);
    call(
        token,
        PlanetScaleApi.REVIEW,
        new Request.Builder().url(action(org, database, number, "reviews")).post(json(body)));
  }

  private DeployRequest action(
      ServiceToken token,
      PlanetScaleApi api,
      String org,
      String database,
      long number,
      String path,
      ObjectNode body) {
    RequestBody payload = json(body == null ? MAPPER.createObjectNode() : body);
    return DeployRequestJson.read(
        call(
            token,
            api,
            new Request.Builder().url(action(org, database, number, path)).post(payload)));
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

  private JsonNode call(ServiceToken token, PlanetScaleApi api, Request.Builder builder) {
    Request request =
        builder
            .header("Authorization", token.authorizationHeader())
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      JsonNode body =
          text.isBlank() ? MAPPER.createObjectNode() : parse(api, text, response.code());
      if (!response.isSuccessful()) {
        String code =
            body.path("code").asText(body.path("error").asText(defaultCode(response.code())));
        throw new PlanetScaleException(api, response.code(), code, message(body));
      }
      return body;
    } catch (BudgetInterceptor.BudgetExhaustedException e) {
      throw new PlanetScaleBudgetWait(api, e.getMessage(), e.retryAfter());
    } catch (IOException e) {
      throw new PlanetScaleException(
          api,
          "PlanetScale "
              + api.action()
              + " ("
              + request.method()
              + " "
              + request.url().encodedPath()
              + ") failed: "
              + e.getMessage(),
          e);
    }
  }

  /** The error's message: PlanetScale's {@code message}, or an OAuth-style {@code error}. */
  private static String message(JsonNode body) {
    String message = body.path("message").asText(null);
    return message != null ? message : body.path("error").asText(null);
  }

  private static JsonNode parse(PlanetScaleApi api, String text, int status) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      if (status >= 200 && status < 300) {
        throw new PlanetScaleException(api, status, "invalid_response", "answer is not JSON");
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
