package dev.envops.sandbox.kube;

import static dev.envops.sandbox.kube.Responses.forward;
import static dev.envops.sandbox.kube.Responses.sendJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * POST, PUT, PATCH and DELETE through the mock: patch types it rejects are translated, server-side
 * apply becomes create-or-merge, and a CRD written by kubectl is marked Established.
 */
final class Writes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Backend backend;
  private final CrdStatus crdStatus;

  Writes(Backend backend, CrdStatus crdStatus) {
    this.backend = backend;
    this.crdStatus = crdStatus;
  }

  void handle(
      HttpExchange exchange,
      ApiPath api,
      String method,
      String path,
      String contentType,
      byte[] body)
      throws IOException {
    if (!method.equals("PATCH")) {
      respond(exchange, api, backend.send(method, path, contentType, body));
    } else if (PatchTranslator.isApply(contentType)) {
      serverSideApply(exchange, api, path, PatchTranslator.applyToJson(body));
    } else if (PatchTranslator.isStrategic(contentType)) {
      byte[] merge = PatchTranslator.strategicToMerge(body);
      respond(exchange, api, backend.send("PATCH", path, PatchTranslator.MERGE, merge));
    } else {
      respond(exchange, api, backend.send("PATCH", path, contentType, body));
    }
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
    respond(exchange, api, response);
  }

  private void respond(HttpExchange exchange, ApiPath api, BackendResponse response)
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
}
