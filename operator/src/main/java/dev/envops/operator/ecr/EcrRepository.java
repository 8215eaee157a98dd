package dev.envops.operator.ecr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private ECR repository URI split into its parts: ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME.
 *
 * @param registryId the 12-digit account
 * @param region the repository's region
 * @param name the repository name (may contain slashes)
 */
public record EcrRepository(String registryId, String region, String name) {

  private static final Pattern URI =
      Pattern.compile("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/(.+)$");

  /** Parses a repository URI; throws IllegalArgumentException when it is not an ECR one. */
  public static EcrRepository parse(String uri) {
    Matcher m = URI.matcher(uri == null ? "" : uri);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a private ECR repository URI (ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME): " + uri);
    }
    return new EcrRepository(m.group(1), m.group(2), m.group(3));
  }
}
