package dev.envops.operator.environment;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator observed and did for an Environment. */
public class EnvironmentStatus {

  /** How many rollouts the history keeps. */
  public static final int HISTORY_LIMIT = 10;

  @JsonPropertyDescription("metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Pending, Blocked, PromotingSchema, Deploying, Ready, Failed or Suspended.")
  private Phase phase;

  @JsonPropertyDescription("The image serving traffic, with its resolved digest.")
  private DeployedImage image;

  @JsonPropertyDescription("Git ref of the image serving traffic.")
  private String gitRef;

  @JsonPropertyDescription("The PlanetScale deploy request of the current revision.")
  private DeployRequestStatus deployRequest;

  @JsonPropertyDescription("The Lightsail container service and tracked deployment.")
  private LightsailStatus lightsail;

  @JsonPropertyDescription(
      "Kubernetes-style conditions: Ready, Reconciling, Stalled (kstatus), SchemaPromoted,"
          + " Deployed.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("A joint rollback of app and schema, while one runs or last ran.")
  private RollbackStatus rollback;

  public RollbackStatus getRollback() {
    return rollback;
  }

  public void setRollback(RollbackStatus rollback) {
    this.rollback = rollback;
  }

  @JsonPropertyDescription("The last 10 rollouts, newest first.")
  private List<HistoryEntry> history = new ArrayList<>();

  // Set by the promotion gate during a pass, read when that pass starts a rollout; never stored.
  @com.fasterxml.jackson.annotation.JsonIgnore private String admittedBy;

  /** Why the promotion gate admitted this pass's image, if a gate applies. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String getAdmittedBy() {
    return admittedBy;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public void setAdmittedBy(String admittedBy) {
    this.admittedBy = admittedBy;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public DeployedImage getImage() {
    return image;
  }

  public void setImage(DeployedImage image) {
    this.image = image;
  }

  public String getGitRef() {
    return gitRef;
  }

  public void setGitRef(String gitRef) {
    this.gitRef = gitRef;
  }

  public DeployRequestStatus getDeployRequest() {
    return deployRequest;
  }

  public void setDeployRequest(DeployRequestStatus deployRequest) {
    this.deployRequest = deployRequest;
  }

  public LightsailStatus getLightsail() {
    return lightsail;
  }

  public void setLightsail(LightsailStatus lightsail) {
    this.lightsail = lightsail;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public List<HistoryEntry> getHistory() {
    return history;
  }

  public void setHistory(List<HistoryEntry> history) {
    this.history = history == null ? new ArrayList<>() : history;
  }

  /** The condition of that type, if present. */
  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** The Lightsail part, created on first use. */
  public LightsailStatus lightsailOrNew() {
    if (lightsail == null) {
      lightsail = new LightsailStatus();
    }
    return lightsail;
  }

  /**
   * A copy that shares nothing mutable with this one, for a pass to work on; like the stored
   * status, it leaves out what a pass only notes for itself ({@link #getAdmittedBy()}).
   */
  public EnvironmentStatus copy() {
    EnvironmentStatus copy = new EnvironmentStatus();
    copy.observedGeneration = observedGeneration;
    copy.phase = phase;
    copy.image = image == null ? null : image.copy();
    copy.gitRef = gitRef;
    copy.deployRequest = deployRequest == null ? null : deployRequest.copy();
    copy.lightsail = lightsail == null ? null : lightsail.copy();
    conditions.forEach(c -> copy.conditions.add(c == null ? null : c.copy()));
    copy.rollback = rollback == null ? null : rollback.copy();
    history.forEach(h -> copy.history.add(h == null ? null : h.copy()));
    return copy;
  }

  /** Equal when they would be stored the same ({@link #getAdmittedBy()} is never stored). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EnvironmentStatus)) {
      return false;
    }
    EnvironmentStatus other = (EnvironmentStatus) o;
    return Objects.equals(observedGeneration, other.observedGeneration)
        && phase == other.phase
        && Objects.equals(image, other.image)
        && Objects.equals(gitRef, other.gitRef)
        && Objects.equals(deployRequest, other.deployRequest)
        && Objects.equals(lightsail, other.lightsail)
        && conditions.equals(other.conditions)
        && Objects.equals(rollback, other.rollback)
        && history.equals(other.history);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration,
        phase,
        image,
        gitRef,
        deployRequest,
        lightsail,
        conditions,
        rollback,
        history);
  }
}
