package dev.envops.operator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.operator.aws.AwsClients;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

/**
 * Grants a Lightsail service's ECR image-puller role the pull actions in the repository policy,
 * keeping every other statement. One read; a write only when the grant is missing.
 */
public final class EcrPullAccess {

  static final List<String> PULL_ACTIONS =
      List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsClients clients;

  public EcrPullAccess(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * Makes sure {@code principalArn} may pull from the repository.
   *
   * @return true when the policy had to be changed
   */
  public boolean ensureGranted(String repositoryUri, String principalArn, String statementId) {
    EcrRepository repo = EcrRepository.parse(repositoryUri);
    String current;
    try {
      current =
          clients
              .ecr(repo.region())
              .getRepositoryPolicy(r -> r.registryId(repo.registryId()).repositoryName(repo.name()))
              .policyText();
    } catch (RepositoryPolicyNotFoundException e) {
      current = null;
    }
    ObjectNode policy = parse(current);
    if (grants(policy, principalArn)) {
      return false;
    }
    ArrayNode statements = statements(policy);
    ObjectNode statement = statements.addObject();
    statement.put("Sid", statementId);
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", principalArn);
    ArrayNode actions = statement.putArray("Action");
    PULL_ACTIONS.forEach(actions::add);
    String text = policy.toString();
    clients
        .ecrWrites(repo.region())
        .setRepositoryPolicy(
            r -> r.registryId(repo.registryId()).repositoryName(repo.name()).policyText(text));
    return true;
  }

  private static ObjectNode parse(String text) {
    if (text != null) {
      try {
        JsonNode node = JSON.readTree(text);
        if (node instanceof ObjectNode object) {
          return object;
        }
      } catch (IOException e) {
        // An unreadable policy is replaced by one that at least lets Lightsail pull.
      }
    }
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    policy.putArray("Statement");
    return policy;
  }

  private static ArrayNode statements(ObjectNode policy) {
    JsonNode node = policy.get("Statement");
    if (node instanceof ArrayNode array) {
      return array;
    }
    ArrayNode array = policy.putArray("Statement");
    if (node != null && node.isObject()) {
      array.add(node);
    }
    return array;
  }

  private static boolean grants(ObjectNode policy, String principalArn) {
    Set<String> granted = new HashSet<>();
    for (JsonNode s : statements(policy)) {
      if (!"Allow".equals(s.path("Effect").asText())) {
        continue;
      }
      JsonNode principal = s.path("Principal");
      Set<String> principals = texts(principal.isTextual() ? principal : principal.path("AWS"));
      if (principals.contains(principalArn) || principals.contains("*")) {
        granted.addAll(texts(s.path("Action")));
      }
    }
    return granted.contains("ecr:*") || granted.contains("*") || granted.containsAll(PULL_ACTIONS);
  }

  private static Set<String> texts(JsonNode node) {
    Set<String> out = new HashSet<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
