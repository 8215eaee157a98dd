package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The image a deployment runs, with the digest ECR resolved its tag to. */
public class DeployedImage {

  @JsonPropertyDescription("ECR repository URI.")
  private String repository;

  @JsonPropertyDescription("Tag (or digest) from spec.image.tag.")
  private String tag;

  @JsonPropertyDescription("The sha256 digest ECR resolved the tag to.")
  private String digest;

  public DeployedImage() {}

  public DeployedImage(String repository, String tag, String digest) {
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

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

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  /** repository:tag@digest, the form history records. */
  public String reference() {
    return repository
        + (tag.startsWith("sha256:") ? "@" : ":")
        + tag
        + (digest == null || digest.equals(tag) ? "" : "@" + digest);
  }

  /** A copy that shares nothing mutable with this one. */
  public DeployedImage copy() {
    return new DeployedImage(repository, tag, digest);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeployedImage)) {
      return false;
    }
    DeployedImage other = (DeployedImage) o;
    return Objects.equals(repository, other.repository)
        && Objects.equals(tag, other.tag)
        && Objects.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(repository, tag, digest);
  }
}
