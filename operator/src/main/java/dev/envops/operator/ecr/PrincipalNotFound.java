package dev.envops.operator.ecr;

/**
 * ECR refused a policy naming the puller role because IAM does not know the role yet ({@code
 * InvalidParameterException ... 'Principal not found'}): transient, right after Lightsail made it.
 */
public final class PrincipalNotFound extends RuntimeException {

  public PrincipalNotFound(String principalArn, Throwable cause) {
    super("IAM does not know principal " + principalArn + " yet (Principal not found)", cause);
  }
}
