package dev.envops.operator.ecr;

/** Resolves an image tag (or digest) of a repository to the digest the registry holds for it. */
public interface ImageDigests {

  /**
   * The sha256 digest of {@code repositoryUri} at {@code tagOrDigest}.
   *
   * @throws ImageNotFound when the tag or the repository does not exist
   */
  String resolveDigest(String repositoryUri, String tagOrDigest) throws ImageNotFound;
}
