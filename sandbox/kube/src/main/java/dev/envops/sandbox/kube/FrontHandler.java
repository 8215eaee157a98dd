package dev.envops.sandbox.kube;

import static dev.envops.sandbox.kube.Responses.forward;
import static dev.envops.sandbox.kube.Responses.sendJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers kubectl: discovery itself, everything else through the mock with the gaps closed (Table
 * output, HTTP watches, patch types, query strings the mock misreads).
 */
final class FrontHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FrontHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // Field selectors are applied here (FieldSelector): the mock knows only metadata.name/namespace
  // and answers other fields with nothing.
  private static final Set<String> LIST_PARAMETERS = Set.of("labelSelector");
  private static final Set<String> WATCH_PARAMETERS = Set.of("labelSelector", "watch");
  private static final Duration LONGEST_WATCH = Duration.ofHours(1);

  private final Backend backend;
  private final Discovery discovery;
  private final CrdCatalog crds;
  private final Writes writes;
  private final WatchRelay watches;
  private final Clock clock;

  FrontHandler(
      Backend backend,
      Discovery discovery,
      CrdCatalog crds,
      CrdStatus crdStatus,
      WatchRelay watches,
      Clock clock) {
    this.backend = backend;
    this.discovery = discovery;
    this.crds = crds;
    this.writes = new Writes(backend, crdStatus);
    this.watches = watches;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      sendJson(exchange, 500, StatusDocuments.failure(500, "InternalError", e.getMessage()));
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
    if (Set.of("/healthz", "/livez", "/readyz").contains(path)) {
      Responses.send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (path.startsWith("/openapi")) {
      sendJson(
          exchange,
          404,
          StatusDocuments.failure(
              404, "NotFound", "the envops sandbox serves no OpenAPI; use --validate=false"));
      return;
    }
    if (method.equals("GET")) {
      Optional<ObjectNode> document = discovery.document(path);
      if (document.isPresent()) {
        sendJson(exchange, 200, document.get());
        return;
      }
    }
    Optional<ApiPath> parsed = ApiPath.parse(path);
    if (parsed.isEmpty()) {
      sendJson(
          exchange,
          404,
          StatusDocuments.failure(404, "NotFound", "the server could not find " + path));
      return;
    }
    ApiPath api = parsed.get();
    if (query.get("dryRun") != null) {
      sendJson(
          exchange,
          400,
          StatusDocuments.failure(400, "BadRequest", "the envops sandbox does not support dryRun"));
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      // kubectl create (imperative) sends protobuf; the mock would hang on it. Say so instead.
      sendJson(
          exchange,
          415,
          StatusDocuments.failure(
              415, "UnsupportedMediaType", "the envops sandbox accepts JSON bodies only"));
      return;
    }
    switch (method) {
      case "GET" -> {
        if (query.isTrue("watch")) {
          watch(exchange, api, path, query);
        } else {
          get(exchange, api, path, query);
        }
      }
      case "POST", "PUT", "PATCH", "DELETE" ->
          writes.handle(exchange, api, method, path, contentType, body);
      default ->
          sendJson(
              exchange,
              405,
              StatusDocuments.failure(405, "MethodNotAllowed", method + " is not supported"));
    }
  }

  private void get(HttpExchange exchange, ApiPath api, String path, QueryParameters query)
      throws IOException {
    BackendResponse response = backend.send("GET", path + query.keep(LIST_PARAMETERS), null, null);
    if (response.code() == 404 && !api.isCollection()) {
      sendJson(exchange, 404, StatusDocuments.notFound(api));
      return;
    }
    boolean table = wantsTable(exchange) && !api.hasSubresource();
    if (!response.isSuccessful() || !table && !api.isCollection()) {
      forward(exchange, response);
      return;
    }
    JsonNode objectOrList = JSON.readTree(response.body());
    if (api.isCollection() && objectOrList instanceof ObjectNode list) {
      typeList(api, list, FieldSelector.parse(query.get("fieldSelector")));
    }
    String includeObject = query.get("includeObject");
    sendJson(
        exchange,
        200,
        table ? tables(api).convert(objectOrList, includeObject, false) : objectOrList);
  }

  /**
   * The mock answers every list as {@code kind: List}; typed clients (kubectl describe reading
   * Events) expect {@code EventList} and the like and silently drop anything else.
   */
  private void typeList(ApiPath api, ObjectNode list, FieldSelector fields) {
    if ("List".equals(list.path("kind").asText())) {
      discovery
          .type(api.group(), api.version(), api.plural())
          .ifPresent(type -> list.put("kind", type.kind() + "List"));
    }
    if (list.get("items") instanceof ArrayNode items) {
      items.removeIf(item -> !fields.matches(item));
    }
  }

  private void watch(HttpExchange exchange, ApiPath api, String path, QueryParameters query)
      throws IOException {
    long since = parseResourceVersion(query.get("resourceVersion"));
    Duration timeout = LONGEST_WATCH;
    if (query.get("timeoutSeconds") != null) {
      timeout = Duration.ofSeconds(Long.parseLong(query.get("timeoutSeconds")));
    }
    FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"));
    UnaryOperator<JsonNode> objects = UnaryOperator.identity();
    if (wantsTable(exchange)) {
      TableConverter tables = tables(api);
      String includeObject = query.get("includeObject");
      objects = object -> tables.convert(object, includeObject, false);
    }
    watches.relay(
        exchange, path + query.keep(WATCH_PARAMETERS), since, timeout, fields::matches, objects);
  }

  private TableConverter tables(ApiPath api) {
    List<PrinterColumn> columns =
        crds.printerColumns(api.group(), api.version(), api.plural())
            .orElseGet(() -> BuiltinResources.columns(api.group(), api.plural()));
    return new TableConverter(columns, clock);
  }

  private static boolean wantsTable(HttpExchange exchange) {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    return accept != null && accept.contains("as=Table");
  }

  private static long parseResourceVersion(String resourceVersion) {
    if (resourceVersion == null || resourceVersion.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(resourceVersion);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
