package dev.envops.sandbox.kube;

import java.nio.charset.StandardCharsets;

/** What the mock answered: status code, content type and body. */
record BackendResponse(int code, String contentType, byte[] body) {

  boolean isSuccessful() {
    return code >= 200 && code < 300;
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
