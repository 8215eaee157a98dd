package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one reconcile pass: the Environment, the status being built (patched at the end only
 * if it changed), the Secret values read, and the events to emit. What a step finds out for later
 * steps is not kept here: it is the step's typed output (see {@link RolloutPass}).
 */
public final class RolloutContext {

  /** An event a step asks for; emitted after the pass. */
  public record PendingEvent(String type, String reason, String message) {}

  private final Environment environment;
  private final EnvironmentStatus status;
  private final Instant now;
  private final SecretSource secrets;
  private final EnvironmentLookup environments;
  private final List<PendingEvent> events = new ArrayList<>();
  private final Map<String, String> secretEnv = new TreeMap<>();

  public RolloutContext(
      Environment environment,
      EnvironmentStatus status,
      Instant now,
      SecretSource secrets,
      EnvironmentLookup environments) {
    this.environment = environment;
    this.status = status;
    this.now = now;
    this.secrets = secrets;
    this.environments = environments;
  }

  /** Where Secrets are read from. */
  public SecretSource secrets() {
    return secrets;
  }

  /** Where other Environments are read from (the promotion gate's source). */
  public EnvironmentLookup environments() {
    return environments;
  }

  public Environment environment() {
    return environment;
  }

  public EnvironmentSpec spec() {
    return environment.getSpec();
  }

  /** The status being built; steps edit it in place. */
  public EnvironmentStatus status() {
    return status;
  }

  public long generation() {
    Long g = environment.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  public Instant now() {
    return now;
  }

  /** Sets a condition; true when its status changed. */
  public boolean condition(String type, boolean value, Reason reason, String message) {
    return condition(type, value, reason.wire(), message);
  }

  /**
   * Sets a condition with a reason as status spells it: one read back from status (StatusAggregator
   * repeats Ready's in Reconciling and Stalled).
   */
  boolean condition(String type, boolean value, String reason, String message) {
    return Conditions.set(
        status, type, value ? Condition.TRUE : Condition.FALSE, reason, message, generation(), now);
  }

  /** Phase plus Ready=False with the reason the Environment is not (yet) ready. */
  public void notReady(Phase phase, Reason reason, String message) {
    notReady(phase, reason.wire(), message);
  }

  /** As {@link #notReady(Phase, Reason, String)}, with a reason read back from status. */
  void notReady(Phase phase, String reason, String message) {
    status.setPhase(phase);
    condition(ConditionType.READY, false, reason, message);
  }

  /**
   * The pass waits on {@code progress} for {@code reason}: its domain condition, Ready and the
   * phase say so together (one writer for the three, so they never disagree).
   */
  public void inProgress(Progress progress, Reason reason, String message) {
    condition(progress.condition(), false, reason, message);
    notReady(progress.phase(), reason, message);
  }

  /**
   * SchemaPromoted and Ready False for {@code reason} in {@code phase}, and a Warning Event only
   * when SchemaPromoted did not give that reason yet: the retries that follow repeat none.
   */
  public void schemaWarningOnce(Phase phase, Reason reason, String message) {
    boolean first = !schemaPromotedSays(reason);
    condition(ConditionType.SCHEMA_PROMOTED, false, reason, message);
    if (first) {
      event(reason, message);
    }
    notReady(phase, reason, message);
  }

  /** Whether SchemaPromoted already gives {@code reason} (its Event was recorded then). */
  public boolean schemaPromotedSays(Reason reason) {
    return status
        .condition(ConditionType.SCHEMA_PROMOTED)
        .map(c -> reason.wire().equals(c.getReason()))
        .orElse(false);
  }

  /** Queues an event of the reason's own type ({@link Reason#eventType()}). */
  public void event(Reason reason, String message) {
    event(reason, reason.requireEventType(), message);
  }

  /**
   * Queues an event of {@code type}, where a reason is emitted with another type than its own (a
   * closed deploy request is Normal, but Warning when it fails the rollout).
   */
  public void event(Reason reason, Reason.EventType type, String message) {
    events.add(new PendingEvent(type.wire(), reason.wire(), message));
  }

  public List<PendingEvent> events() {
    return events;
  }

  /** Secret-backed container env (values: never log or store them). */
  public Map<String, String> secretEnv() {
    return secretEnv;
  }

  /** Replaces every secret value in {@code text} with ***, for messages that echo cloud errors. */
  public String redact(String text) {
    String out = text == null ? "" : text;
    for (String value : secretEnv.values()) {
      if (value != null && !value.isEmpty()) {
        out = out.replace(value, "***");
      }
    }
    return out;
  }
}
