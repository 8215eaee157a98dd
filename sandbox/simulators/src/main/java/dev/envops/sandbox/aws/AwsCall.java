package dev.envops.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One decoded AWS JSON 1.1 request.
 *
 * @param operation the part of {@code X-Amz-Target} after the dot
 * @param body the request document ({@code {}} when the body was empty)
 * @param region the region from the SigV4 credential scope, or the simulator's default
 * @param account the account the request's access key belongs to ({@link AwsAccounts})
 */
public record AwsCall(String operation, JsonNode body, String region, String account) {

  /** A call of the default account. */
  public AwsCall(String operation, JsonNode body, String region) {
    this(operation, body, region, AwsSimulator.ACCOUNT_ID);
  }

  /** The text member {@code name}, or null when absent. */
  public String text(String name) {
    JsonNode node = body.get(name);
    return node == null || node.isNull() ? null : node.asText();
  }

  /** The text member {@code name}; an {@code InvalidParameter}-style error when absent. */
  public String requiredText(String name, String errorType) {
    String value = text(name);
    if (value == null || value.isEmpty()) {
      throw AwsErrorException.badRequest(errorType, name + " is required");
    }
    return value;
  }
}
