package dev.envops.operator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.aws.AwsFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

/**
 * Grants a Lightsail service's ECR image-puller role the pull actions in the repository policy,
 * keeping every other statement. One read when the grant is there; otherwise a write and a read
 * back, since the API has no conditional write. A grant seen is remembered for {@code
 * grantRecheck}, so rollouts of new tags read no policy.
 */
public final class EcrPullAccess implements PullAccess {

  static final List<String> PULL_ACTIONS =
      List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

  /** Writes after which the grant must still be there; more means someone keeps overwriting it. */
  static final int MAX_WRITES = 3;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SET_POLICY = "ecr:SetRepositoryPolicy";

  private final AwsClients clients;
  private final Duration grantRecheck;
  private final Clock clock;
  private final ConcurrentMap<String, Instant> verified = new ConcurrentHashMap<>();

  // SetRepositoryPolicy has no condition: two reconciles sharing a repository (qa and prod) would
  // each read, add their statement and write, and the later write would drop the earlier grant.
  private final ConcurrentMap<String, Object> repositoryLocks = new ConcurrentHashMap<>();

  /** Reads the policy on every call (nothing remembered). */
  public EcrPullAccess(AwsClients clients) {
    this(clients, Duration.ZERO, Clock.systemUTC());
  }

  public EcrPullAccess(AwsClients clients, Duration grantRecheck, Clock clock) {
    this.clients = clients;
    this.grantRecheck = grantRecheck;
    this.clock = clock;
  }

  /** Forgets what was seen for the repository (e.g. after a deployment of it FAILED). */
  @Override
  public void forget(String repositoryUri) {
    EcrRepository repo = EcrRepository.parse(repositoryUri);
    String prefix = lockKey(repo) + "|";
    verified.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /**
   * Makes sure {@code principalArn} may pull from the repository.
   *
   * @return true when the policy had to be changed
   * @throws PrincipalNotFound when IAM does not know the principal yet (retry later)
   */
  @Override
  public boolean ensureGranted(String repositoryUri, String principalArn, String statementId) {
    EcrRepository repo = EcrRepository.parse(repositoryUri);
    String key = lockKey(repo);
    String grantKey = key + "|" + principalArn;
    Instant seen = verified.get(grantKey);
    if (seen != null && clock.instant().isBefore(seen.plus(grantRecheck))) {
      return false;
    }
    Object lock = repositoryLocks.computeIfAbsent(key, k -> new Object());
    synchronized (lock) {
      boolean changed = false;
      for (int writes = 0; ; writes++) {
        ObjectNode policy = parse(read(repo));
        if (grants(policy, principalArn)) {
          verified.put(grantKey, clock.instant());
          return changed;
        }
        if (writes == MAX_WRITES) {
          throw new IllegalStateException(
              "the policy of ECR repository "
                  + repo.name()
                  + " lost the pull grant after "
                  + MAX_WRITES
                  + " writes: another writer keeps replacing it");
        }
        try {
          write(repo, withGrant(policy, principalArn, statementId));
        } catch (InvalidParameterException e) {
          if (e.getMessage() != null && e.getMessage().contains("Principal not found")) {
            throw new PrincipalNotFound(principalArn, e);
          }
          throw AwsFailure.of(SET_POLICY, e);
        }
        changed = true;
      }
    }
  }

  private static String lockKey(EcrRepository repo) {
    return repo.region() + "/" + repo.registryId() + "/" + repo.name();
  }

  // Read back after every write: a writer outside this process (a person, another tool) may have
  // replaced the policy between our read and our write.
  private String read(EcrRepository repo) {
    try {
      return clients
          .ecr(repo.region())
          .getRepositoryPolicy(r -> r.registryId(repo.registryId()).repositoryName(repo.name()))
          .policyText();
    } catch (RepositoryPolicyNotFoundException e) {
      return null;
    } catch (SdkException e) {
      throw AwsFailure.of("ecr:GetRepositoryPolicy", e);
    }
  }

  private void write(EcrRepository repo, String text) {
    try {
      clients
          .ecr(repo.region())
          .setRepositoryPolicy(
              r -> r.registryId(repo.registryId()).repositoryName(repo.name()).policyText(text));
    } catch (InvalidParameterException e) {
      throw e;
    } catch (SdkException e) {
      throw AwsFailure.of(SET_POLICY, e);
    }
  }

  private static String withGrant(ObjectNode policy, String principalArn, String statementId) {
    ArrayNode statements = statements(policy);
    ObjectNode statement = statements.addObject();
    statement.put("Sid", statementId);
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", principalArn);
    ArrayNode actions = statement.putArray("Action");
    PULL_ACTIONS.forEach(actions::add);
    return policy.toString();
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
