package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  private final CrdStatus crdStatus;
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
    this.crdStatus = crdStatus;
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
      send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
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
      // client-go falls back to JSON on 415; the mock would never answer a protobuf body.
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
      case "PATCH" -> patch(exchange, api, path, contentType, body);
      case "POST", "PUT", "DELETE" -> mutate(exchange, api, method, path, contentType, body);
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

  private void patch(
      HttpExchange exchange, ApiPath api, String path, String contentType, byte[] body)
      throws IOException {
    if (PatchTranslator.isApply(contentType)) {
      serverSideApply(exchange, api, path, PatchTranslator.applyToJson(body));
      return;
    }
    String type = contentType;
    byte[] patch = body;
    if (PatchTranslator.isStrategic(contentType)) {
      type = PatchTranslator.MERGE;
      patch = PatchTranslator.strategicToMerge(body);
    }
    respondToMutation(exchange, api, backend.send("PATCH", path, type, patch));
  }

  /** No field ownership here: the applied configuration is created, or merged into the object. */
  private void serverSideApply(HttpExchange exchange, ApiPath api, String path, byte[] applied)
      throws IOException {
    BackendResponse existing = backend.send("GET", path, null, null);
    BackendResponse response;
    if (existing.code() == 404) {
      response = backend.send("POST", api.collectionPath(), "application/json", applied);
    } else {
      response = backend.send("PATCH", path, PatchTranslator.MERGE, applied);
    }
    respondToMutation(exchange, api, response);
  }

  private void mutate(
      HttpExchange exchange,
      ApiPath api,
      String method,
      String path,
      String contentType,
      byte[] body)
      throws IOException {
    respondToMutation(exchange, api, backend.send(method, path, contentType, body));
  }

  private void respondToMutation(HttpExchange exchange, ApiPath api, BackendResponse response)
      throws IOException {
    if (response.code() == 404 && !api.isCollection()) {
      sendJson(exchange, 404, StatusDocuments.notFound(api));
      return;
    }
    if (response.isSuccessful() && isCrd(api)) {
      crdStatus.markEstablished(JSON.readTree(response.body()).path("metadata").path("name"));
    }
    forward(exchange, response);
  }

  private static boolean isCrd(ApiPath api) {
    return api.group().equals("apiextensions.k8s.io")
        && api.plural().equals("customresourcedefinitions")
        && !api.hasSubresource();
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

  private static void forward(HttpExchange exchange, BackendResponse response) throws IOException {
    String type = response.contentType() == null ? "application/json" : response.contentType();
    send(exchange, response.code(), type, response.body());
  }

  private static void sendJson(HttpExchange exchange, int code, JsonNode document)
      throws IOException {
    try {
      send(exchange, code, "application/json", JSON.writeValueAsBytes(document));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange exchange, int code, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
