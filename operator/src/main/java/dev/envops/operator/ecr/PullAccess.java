package dev.envops.operator.ecr;

/** Grants a container service's image-puller principal the right to pull from a repository. */
public interface PullAccess {

  /**
   * Makes sure {@code principalArn} may pull from the repository.
   *
   * @return true when the policy had to be changed
   * @throws PrincipalNotFound when IAM does not know the principal yet (retry later)
   */
  boolean ensureGranted(String repositoryUri, String principalArn, String statementId);

  /** Forgets what was seen for the repository, so the next call reads the policy again. */
  void forget(String repositoryUri);
}
