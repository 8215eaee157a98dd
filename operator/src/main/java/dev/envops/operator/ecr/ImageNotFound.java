package dev.envops.operator.ecr;

/** The tag (or digest) or its repository does not exist in ECR. */
public final class ImageNotFound extends Exception {

  private final String reason;

  public ImageNotFound(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** ImageNotFound or RepositoryNotFound. */
  public String reason() {
    return reason;
  }
}
