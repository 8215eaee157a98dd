package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The image to deploy: a private ECR repository and an immutable tag (or a digest). */
public class ImageSpec {

  /** ECR repository URI: ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME. */
  public static final String REPOSITORY_PATTERN =
      "^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9]+([._/-][a-z0-9]+)*$";

  /** A Docker tag, or a sha256 digest. */
  public static final String TAG_PATTERN =
      "^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[a-f0-9]{64})$";

  @Required
  @Pattern(REPOSITORY_PATTERN)
  @JsonPropertyDescription(
      "ECR repository URI, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/bookings-api.")
  private String repository;

  @Required
  @Pattern(TAG_PATTERN)
  @JsonPropertyDescription(
      "Image tag CI pushed (an immutable commit SHA), or a digest (sha256:...). The operator"
          + " resolves it to a digest through ECR.")
  private String tag;

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  public String getTag() {
    return tag;
  }

  public void setTag(String tag) {
    this.tag = tag;
  }

  /** True when {@code tag} names a digest rather than a tag. */
  public boolean namesDigest() {
    return tag != null && tag.startsWith("sha256:");
  }
}
