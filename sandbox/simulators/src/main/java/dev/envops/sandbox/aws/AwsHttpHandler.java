package dev.envops.sandbox.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.envops.sandbox.sts.StsSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes AWS JSON 1.1 requests, routes them by {@code X-Amz-Target}, encodes answers; STS's
 * query-protocol requests (form bodies) go to the STS simulator.
 */
final class AwsHttpHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AwsHttpHandler.class);
  private static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([a-z0-9-]+)/");

  private final Map<String, AwsJsonService> servicesByPrefix;
  private final String defaultRegion;
  private final AwsAccounts accounts;
  private final StsSimulator sts;

  AwsHttpHandler(
      Map<String, AwsJsonService> servicesByPrefix,
      String defaultRegion,
      AwsAccounts accounts,
      StsSimulator sts) {
    this.servicesByPrefix = Map.copyOf(servicesByPrefix);
    this.defaultRegion = defaultRegion;
    this.accounts = accounts;
    this.sts = sts;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      answer(exchange);
    } catch (AwsJsonService.ResponseDropped dropped) {
      LOG.info("after-call hook failed; dropping the response: {}", dropped.getCause().toString());
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      writeError(exchange, new AwsErrorException("UnknownOperationException", 404, "POST only"));
      return;
    }
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (target == null
        && contentType != null
        && contentType.startsWith("application/x-www-form-urlencoded")) {
      answerQuery(exchange);
      return;
    }
    int dot = target == null ? -1 : target.lastIndexOf('.');
    AwsJsonService service = dot < 0 ? null : servicesByPrefix.get(target.substring(0, dot));
    if (service == null) {
      writeError(
          exchange,
          AwsErrorException.badRequest(
              "UnknownOperationException", "Unknown X-Amz-Target: " + target));
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    JsonNode document;
    try {
      document = body.length == 0 ? AwsJson.object() : AwsJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      writeError(
          exchange,
          AwsErrorException.badRequest("SerializationException", "Request body is not JSON"));
      return;
    }
    if (document == null || !document.isObject()) {
      document = AwsJson.object();
    }
    Matcher scope = credentialScope(exchange);
    AwsCall call =
        new AwsCall(
            target.substring(dot + 1),
            document,
            scope == null ? defaultRegion : scope.group(2),
            accounts.accountOf(scope == null ? null : scope.group(1)));
    JsonNode result;
    try {
      result = service.dispatch(call);
    } catch (AwsErrorException e) {
      writeError(exchange, e, service.errorFields(e));
      return;
    } catch (AwsJsonService.ResponseDropped e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("{} failed in the simulator", call.operation(), e);
      writeError(
          exchange,
          new AwsErrorException(
              service.serverErrorType(),
              500,
              "Simulator failure: " + e.getClass().getSimpleName()));
      return;
    }
    write(exchange, 200, AwsJson.MAPPER.writeValueAsBytes(result));
  }

  /** STS speaks the query protocol: a form body with {@code Action}, XML answers. */
  private void answerQuery(HttpExchange exchange) throws IOException {
    Map<String, String> params = new HashMap<>();
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    Matcher scope = credentialScope(exchange);
    String caller = accounts.accountOf(scope == null ? null : scope.group(1));
    int status = 200;
    String xml;
    try {
      xml = sts.handle(params, caller);
    } catch (AwsErrorException e) {
      status = e.status();
      xml = StsSimulator.errorBody(e);
    }
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The SigV4 credential scope (group 1 the access key id, group 2 the region), or null. */
  private static Matcher credentialScope(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
      if (matcher.find()) {
        return matcher;
      }
    }
    return null;
  }

  private static void writeError(HttpExchange exchange, AwsErrorException error)
      throws IOException {
    writeError(exchange, error, Map.of());
  }

  private static void writeError(
      HttpExchange exchange, AwsErrorException error, Map<String, String> fields)
      throws IOException {
    ObjectNode body = AwsJson.object();
    body.put("__type", error.type());
    body.put("message", error.getMessage());
    fields.forEach(body::put);
    exchange.getResponseHeaders().set("x-amzn-ErrorType", error.type());
    write(exchange, error.status(), AwsJson.MAPPER.writeValueAsBytes(body));
  }

  private static void write(HttpExchange exchange, int status, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", AwsJson.CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
