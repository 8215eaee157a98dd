package dev.envops.operator.fakes;

import dev.envops.operator.ecr.PrincipalNotFound;
import dev.envops.operator.ecr.PullAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-memory repository policies: which principals may pull from which repository. Every call reads
 * the truth (nothing remembered), and is recorded in {@link #calls()}.
 */
public final class FakePullAccess implements PullAccess {

  private final Map<String, Set<String>> grants = new HashMap<>();
  private final Set<String> unknownPrincipals = new HashSet<>();
  private final List<String> calls = new ArrayList<>();

  /** The repository's policy already grants {@code principal}. */
  public FakePullAccess granted(String repository, String principal) {
    grants.computeIfAbsent(repository, r -> new HashSet<>()).add(principal);
    return this;
  }

  /** Another writer dropped {@code principal}'s grant from the repository's policy. */
  public FakePullAccess revoke(String repository, String principal) {
    grants.getOrDefault(repository, new HashSet<>()).remove(principal);
    return this;
  }

  /** ECR refuses policies naming {@code principal}: IAM does not know it yet. */
  public FakePullAccess principalUnknown(String principal) {
    unknownPrincipals.add(principal);
    return this;
  }

  /** True when the policy grants {@code principal}. */
  public boolean grants(String repository, String principal) {
    return grants.getOrDefault(repository, Set.of()).contains(principal);
  }

  /** Calls made, in order: "ensureGranted repo principal", "forget repo". */
  public List<String> calls() {
    return calls;
  }

  @Override
  public boolean ensureGranted(String repositoryUri, String principalArn, String statementId) {
    calls.add("ensureGranted " + repositoryUri + " " + principalArn);
    if (grants(repositoryUri, principalArn)) {
      return false;
    }
    if (unknownPrincipals.contains(principalArn)) {
      throw new PrincipalNotFound(principalArn, null);
    }
    granted(repositoryUri, principalArn);
    return true;
  }

  @Override
  public void forget(String repositoryUri) {
    calls.add("forget " + repositoryUri);
  }
}
