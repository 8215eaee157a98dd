package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * What an Environment declares: which image runs where, and under which conditions. JSON that does
 * not fit reads as a {@link MalformedSpec} (see {@link EnvironmentSpecDeserializer}).
 */
@JsonDeserialize(using = EnvironmentSpecDeserializer.class)
public class EnvironmentSpec {

  /** Longest gitRef: it is copied into status and every history entry. */
  public static final int GIT_REF_MAX = 255;

  @Size(max = GIT_REF_MAX)
  @JsonPropertyDescription(
      "Source ref (branch, tag or commit) the image was built from; recorded in status and"
          + " history.")
  private String gitRef;

  @Required
  @JsonPropertyDescription("The container image to run: an ECR repository and a tag or digest.")
  private ImageSpec image;

  @Required
  @JsonPropertyDescription("The Lightsail container service that runs the image.")
  private LightsailSpec lightsail;

  @JsonPropertyDescription(
      "Optional PlanetScale database whose schema is promoted before each rollout.")
  private DatabaseSpec database;

  @JsonPropertyDescription("Optional gate: conditions the image must meet before it rolls out.")
  private PromotionSpec promotion;

  @JsonPropertyDescription(
      "When true, the operator touches nothing in the cloud for this Environment.")
  private Boolean suspend;

  public String getGitRef() {
    return gitRef;
  }

  public void setGitRef(String gitRef) {
    this.gitRef = gitRef;
  }

  public ImageSpec getImage() {
    return image;
  }

  public void setImage(ImageSpec image) {
    this.image = image;
  }

  public LightsailSpec getLightsail() {
    return lightsail;
  }

  public void setLightsail(LightsailSpec lightsail) {
    this.lightsail = lightsail;
  }

  public DatabaseSpec getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseSpec database) {
    this.database = database;
  }

  public PromotionSpec getPromotion() {
    return promotion;
  }

  public void setPromotion(PromotionSpec promotion) {
    this.promotion = promotion;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  /** True when {@code suspend} is set to true. */
  public boolean suspended() {
    return Boolean.TRUE.equals(suspend);
  }
}
