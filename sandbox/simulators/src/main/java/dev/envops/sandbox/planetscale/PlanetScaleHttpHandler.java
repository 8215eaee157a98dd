package dev.envops.sandbox.planetscale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.envops.sandbox.fault.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the simulator: counts the call, applies injected faults, authenticates the
 * service token, checks its accesses, runs the operation and writes JSON (or the error shape).
 */
final class PlanetScaleHttpHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PlanetScaleHttpHandler.class);
  private static final String PREFIX = "/v1/";

  private final ObjectMapper mapper;
  private final ServiceTokens tokens;
  private final Faults faults;
  private final DeployRequestApi api;
  private final DeployRequestJson json;
  private final RateLimit rateLimit;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger rateLimited = new AtomicInteger();

  PlanetScaleHttpHandler(
      ObjectMapper mapper,
      ServiceTokens tokens,
      Faults faults,
      DeployRequestApi api,
      DeployRequestJson json,
      RateLimit rateLimit) {
    this.rateLimit = rateLimit;
    this.mapper = mapper;
    this.tokens = tokens;
    this.faults = faults;
    this.api = api;
    this.json = json;
  }

  int callCount(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  void resetCallCounts() {
    calls.clear();
    rateLimited.set(0);
  }

  int rateLimitedCount() {
    return rateLimited.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      ApiResponse response;
      Optional<ApiRoutes.Route> route = route(exchange);
      String operation = route.map(r -> r.operation().apiName()).orElse("unknown");
      calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
      try {
        response = handle(exchange, route);
      } catch (ApiException e) {
        send(exchange, e.status(), json.error(e.code(), e.getMessage()));
        return;
      } catch (RuntimeException e) {
        LOG.error("PlanetScale simulator failed on {}", operation, e);
        send(exchange, 500, json.error("internal_server_error", "Internal server error"));
        return;
      }
      try {
        faults.afterCall(operation);
      } catch (RuntimeException e) {
        // The call took effect but its answer is lost: the client sees the connection drop.
        LOG.info("After-call hook on {} dropped the response: {}", operation, e.getMessage());
        return;
      }
      send(exchange, response.status(), response.body());
    }
  }

  private ApiResponse handle(HttpExchange exchange, Optional<ApiRoutes.Route> route)
      throws IOException {
    switch (faults.beforeCall()) {
      case THROTTLE -> throw rateLimited();
      case SERVER_ERROR ->
          throw new ApiException(500, "internal_server_error", "Internal server error (injected)");
      case PROCEED -> {}
    }
    ServiceTokens.Caller caller =
        tokens
            .authenticate(exchange.getRequestHeaders().getFirst("Authorization"))
            .orElseThrow(ApiException::unauthorized);
    if (!rateLimit.tryAcquire(caller.tokenId(), System.nanoTime())) {
      rateLimited.incrementAndGet();
      throw rateLimited();
    }
    ApiRoutes.Route resolved =
        route.orElseThrow(
            () -> ApiException.notFound("Not Found: " + exchange.getRequestURI().getPath()));
    if (!resolved.operation().allowedFor(caller.permissions())) {
      LOG.info("Token {} lacks access for {}", caller.tokenId(), resolved.operation().apiName());
      // PlanetScale answers a missing access as if the resource did not exist.
      throw ApiException.notFound("Not Found");
    }
    ApiCall call =
        new ApiCall(
            resolved.operation(),
            resolved.organization(),
            resolved.database(),
            resolved.resource(),
            query(exchange.getRequestURI().getRawQuery()),
            body(exchange.getRequestBody()),
            caller);
    return api.execute(call);
  }

  private static ApiException rateLimited() {
    return new ApiException(
        429, "rate_limited", "Rate limit exceeded: too many requests, try again later");
  }

  private static Optional<ApiRoutes.Route> route(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    if (!path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    // Split before decoding so that an encoded slash stays inside its segment (feature%2Fx).
    List<String> segments =
        Arrays.stream(path.substring(PREFIX.length()).split("/"))
            .filter(s -> !s.isEmpty())
            .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
            .toList();
    return ApiRoutes.resolve(exchange.getRequestMethod(), segments);
  }

  private JsonNode body(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    if (bytes.length == 0) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(bytes);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return mapper.createObjectNode();
      }
      if (!node.isObject()) {
        throw ApiException.badRequest("The request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("The request body is not valid JSON");
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
