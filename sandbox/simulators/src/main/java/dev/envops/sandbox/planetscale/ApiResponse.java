package dev.envops.sandbox.planetscale;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful API answer: status and JSON body. */
record ApiResponse(int status, JsonNode body) {

  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body);
  }

  static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body);
  }
}
