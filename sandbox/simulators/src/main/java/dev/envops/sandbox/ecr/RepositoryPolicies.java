package dev.envops.sandbox.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.envops.sandbox.aws.AwsJson;
import java.util.ArrayList;
import java.util.List;

/** Reads just enough of an IAM-style repository policy to decide whether a principal may pull. */
final class RepositoryPolicies {

  private static final List<String> PULL_ACTIONS =
      List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

  private RepositoryPolicies() {}

  /** True when an Allow statement grants {@code principalArn} both pull actions. */
  static boolean allowsPull(String policyText, String principalArn) {
    JsonNode policy;
    try {
      policy = AwsJson.MAPPER.readTree(policyText);
    } catch (JsonProcessingException e) {
      return false;
    }
    List<String> granted = new ArrayList<>();
    for (JsonNode statement : asList(policy.path("Statement"))) {
      if (!"Allow".equals(statement.path("Effect").asText())) {
        continue;
      }
      JsonNode principal = statement.path("Principal");
      List<String> principals =
          principal.isTextual() ? List.of(principal.asText()) : texts(principal.path("AWS"));
      if (principals.contains(principalArn) || principals.contains("*")) {
        granted.addAll(texts(statement.path("Action")));
      }
    }
    return granted.contains("ecr:*") || granted.contains("*") || granted.containsAll(PULL_ACTIONS);
  }

  /** Every {@code Principal.AWS} string of every statement. */
  static List<String> principals(JsonNode policy) {
    List<String> principals = new ArrayList<>();
    for (JsonNode statement : asList(policy.path("Statement"))) {
      JsonNode principal = statement.path("Principal");
      principals.addAll(
          principal.isTextual() ? List.of(principal.asText()) : texts(principal.path("AWS")));
    }
    return principals;
  }

  private static List<JsonNode> asList(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(list::add);
    } else if (node.isObject()) {
      list.add(node);
    }
    return list;
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    asList(node).forEach(item -> texts.add(item.asText()));
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    return texts;
  }
}
