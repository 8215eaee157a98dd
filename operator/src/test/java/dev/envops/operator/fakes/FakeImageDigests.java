package dev.envops.operator.fakes;

import dev.envops.operator.ecr.ImageDigests;
import dev.envops.operator.ecr.ImageNotFound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** In-memory image tags: a tag not {@link #tag}ged is absent; lookups are recorded. */
public final class FakeImageDigests implements ImageDigests {

  private final Map<String, String> digests = new HashMap<>();
  private final Set<String> missingRepositories = new HashSet<>();
  private final List<String> lookups = new ArrayList<>();

  /** {@code repository:tag} resolves to {@code digest}. */
  public FakeImageDigests tag(String repository, String tag, String digest) {
    digests.put(repository + ":" + tag, digest);
    return this;
  }

  /** The repository itself does not exist. */
  public FakeImageDigests repositoryMissing(String repository) {
    missingRepositories.add(repository);
    return this;
  }

  /** Lookups made, as {@code repository:tag}. */
  public List<String> lookups() {
    return lookups;
  }

  @Override
  public String resolveDigest(String repositoryUri, String tagOrDigest) throws ImageNotFound {
    lookups.add(repositoryUri + ":" + tagOrDigest);
    if (missingRepositories.contains(repositoryUri)) {
      throw new ImageNotFound(
          ImageNotFound.Missing.REPOSITORY, "ECR repository " + repositoryUri + " not found");
    }
    String digest = digests.get(repositoryUri + ":" + tagOrDigest);
    if (digest == null) {
      throw new ImageNotFound(
          ImageNotFound.Missing.IMAGE,
          "image " + tagOrDigest + " not found in ECR repository " + repositoryUri);
    }
    return digest;
  }
}
