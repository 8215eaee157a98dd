package dev.envops.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** Sends requests on to the fabric8 CRUD mock server. */
final class Backend implements AutoCloseable {

  private final String baseUrl;
  private final OkHttpClient http;
  private final OkHttpClient watches;

  Backend(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http =
        new OkHttpClient.Builder()
            .readTimeout(30, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();
    // A watch may stay quiet for as long as nothing changes.
    this.watches = http.newBuilder().readTimeout(0, TimeUnit.MILLISECONDS).build();
  }

  BackendResponse send(String method, String pathAndQuery, String contentType, byte[] body) {
    RequestBody requestBody = null;
    if (body != null && (body.length > 0 || requiresBody(method))) {
      MediaType mediaType = MediaType.parse(contentType == null ? "application/json" : contentType);
      requestBody = RequestBody.create(body, mediaType);
    } else if (requiresBody(method)) {
      requestBody = RequestBody.create(new byte[0], null);
    }
    Request request =
        new Request.Builder()
            .url(baseUrl + pathAndQuery)
            .method(method, requestBody)
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
      return new BackendResponse(response.code(), response.header("Content-Type"), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("mock server request " + method + " failed", e);
    }
  }

  WebSocket openWatch(String pathAndQuery, WebSocketListener listener) {
    Request request = new Request.Builder().url(baseUrl + pathAndQuery).build();
    return watches.newWebSocket(request, listener);
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
