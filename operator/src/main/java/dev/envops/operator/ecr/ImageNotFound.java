package dev.envops.operator.ecr;

/** The tag (or digest) or its repository does not exist in ECR. */
public final class ImageNotFound extends Exception {

  /** What is missing. */
  public enum Missing {
    IMAGE,
    REPOSITORY
  }

  private final Missing missing;

  public ImageNotFound(Missing missing, String message) {
    super(message);
    this.missing = missing;
  }

  /** The image, or its whole repository. */
  public Missing missing() {
    return missing;
  }
}
