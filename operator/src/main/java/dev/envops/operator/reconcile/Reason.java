package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.events.EventRecorder;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every reason the operator writes into a condition or an Event. The wire name is what status and
 * {@code kubectl get events} show (users' alerts and docs/operator.md match on it: never rename
 * one). A reason is a condition reason, an event reason, or both:
 *
 * <ul>
 *   <li>{@code Reason(wire, stall)}: written into conditions only; it reaches Events only as the
 *       reason of a phase change (Warning when the pass is Stalled);
 *   <li>{@code Reason(wire, type)}: emitted as an Event of {@code type} only;
 *   <li>{@code Reason(wire, stall, type)}: both.
 * </ul>
 *
 * The {@link Stall} of a Ready reason decides whether kstatus reads the Environment Failed.
 */
public enum Reason {

  // The Environment as a whole (validation, suspend, readiness).

  /** Ready=True (and Reconciling/Stalled False) for this generation. */
  READY("Ready", Stall.NEVER, EventType.NORMAL),
  INVALID_SPEC("InvalidSpec", Stall.ALWAYS),
  SUSPENDED("Suspended", Stall.NEVER),
  SECRET_NOT_FOUND("SecretNotFound", Stall.ALWAYS),
  ENDPOINT_NOT_ANSWERING("EndpointNotAnswering", Stall.NEVER),

  // The image (ECR).

  /** From {@link dev.envops.operator.ecr.ImageNotFound#reason()}. */
  IMAGE_NOT_FOUND("ImageNotFound", Stall.ALWAYS),
  /** From {@link dev.envops.operator.ecr.ImageNotFound#reason()}. */
  REPOSITORY_NOT_FOUND("RepositoryNotFound", Stall.ALWAYS),
  /** Condition ImageDigestChanged=True. */
  DIGEST_CHANGED("DigestChanged", Stall.NEVER),
  IMAGE_DIGEST_CHANGED("ImageDigestChanged", EventType.WARNING),

  // The promotion gate.

  PROMOTION_GATE_OVERRIDDEN("PromotionGateOverridden", EventType.WARNING),
  PROMOTION_SOURCE_NOT_FOUND("PromotionSourceNotFound", Stall.ALWAYS),
  AWAITING_PROMOTION("AwaitingPromotion", Stall.NEVER),
  BLOCKED("Blocked", EventType.NORMAL),

  // The container service.

  SERVICE_CREATED("ServiceCreated", EventType.NORMAL),
  CREATING_SERVICE("CreatingService", Stall.NEVER),
  SERVICE_NOT_SETTLED("ServiceNotSettled", Stall.NEVER),
  SERVICE_DISABLED("ServiceDisabled", Stall.ALWAYS),
  SERVICE_UPDATED("ServiceUpdated", EventType.NORMAL),
  UPDATING_SERVICE("UpdatingService", Stall.NEVER),

  // The deployment.

  ACTIVATING("Activating", Stall.NEVER),
  WAITING_FOR_DEPLOYMENT("WaitingForDeployment", Stall.NEVER),
  WAITING_FOR_PULLER_ROLE("WaitingForPullerRole", Stall.NEVER),
  PULL_ACCESS_GRANTED("PullAccessGranted", EventType.NORMAL),
  PULL_ACCESS_RESTORED("PullAccessRestored", EventType.WARNING),
  DEPLOYMENT_REJECTED("DeploymentRejected", Stall.ALWAYS),
  DRIFT_DETECTED("DriftDetected", EventType.WARNING),
  CORRECTING_DRIFT("CorrectingDrift", Stall.NEVER),
  DEPLOYMENT_CREATED("DeploymentCreated", Stall.NEVER, EventType.NORMAL),
  /** Condition Deployed=True, and its Event. */
  DEPLOYMENT_ACTIVE("DeploymentActive", Stall.NEVER, EventType.NORMAL),
  DEPLOYMENT_FAILED("DeploymentFailed", Stall.ALWAYS, EventType.WARNING),

  // A pass that failed (CloudFailure): Ready=False and a Warning for the first of a streak.

  CLOUD_THROTTLED("CloudThrottled", Stall.NEVER, EventType.WARNING),
  CLOUD_UNAVAILABLE("CloudUnavailable", Stall.NEVER, EventType.WARNING),
  CLOUD_ERROR("CloudError", Stall.NEVER, EventType.WARNING),
  ASSUME_ROLE_FAILED("AssumeRoleFailed", Stall.ALWAYS, EventType.WARNING),
  RECONCILE_ERROR("ReconcileError", Stall.NEVER, EventType.WARNING),

  // Schema promotion (PlanetScale deploy requests).

  SERVICE_TOKEN_NOT_FOUND("ServiceTokenNotFound", Stall.ALWAYS),
  PLANETSCALE_ACCESS_DENIED("PlanetScaleAccessDenied", Stall.ALWAYS, EventType.WARNING),
  DEPLOY_REQUEST_ADOPTED("DeployRequestAdopted", EventType.NORMAL),
  DEPLOY_REQUEST_CREATED("DeployRequestCreated", EventType.NORMAL),
  BRANCH_NOT_PRODUCTION("BranchNotProduction", Stall.ALWAYS, EventType.WARNING),
  WAITING_FOR_DEPLOY_REQUEST("WaitingForDeployRequest", Stall.NEVER),
  DEPLOY_REQUEST_PENDING("DeployRequestPending", Stall.NEVER),
  DEPLOY_REQUEST_QUEUED("DeployRequestQueued", Stall.NEVER),
  DEPLOY_REQUEST_DEPLOYING("DeployRequestDeploying", Stall.NEVER),
  DEPLOY_REQUEST_DEPLOYED("DeployRequestDeployed", EventType.NORMAL),
  DEPLOY_REQUEST_APPROVED("DeployRequestApproved", Stall.NEVER, EventType.NORMAL),
  AWAITING_APPROVAL("AwaitingApproval", Stall.BEYOND_PATIENCE, EventType.WARNING),
  AWAITING_SCHEMA_APPROVAL("AwaitingSchemaApproval", Stall.BEYOND_PATIENCE, EventType.WARNING),
  AWAITING_CUTOVER("AwaitingCutover", Stall.BEYOND_PATIENCE),
  DEPLOY_REQUEST_CUTOVER("DeployRequestCutover", Stall.NEVER, EventType.NORMAL),
  WAITING_FOR_REVERT_WINDOW("WaitingForRevertWindow", Stall.NEVER),
  WAITING_FOR_GATED_DEPLOY("WaitingForGatedDeploy", Stall.NEVER),
  DEPLOY_QUEUE_BLOCKED("DeployQueueBlocked", Stall.ALWAYS, EventType.WARNING),
  DEPLOY_QUEUE_UNBLOCKED("DeployQueueUnblocked", Stall.NEVER, EventType.WARNING),
  DEPLOY_REQUEST_STUCK("DeployRequestStuck", Stall.ALWAYS, EventType.WARNING),
  /** Stalled only through phase Failed once the state outlasted its timeout. */
  DEPLOY_REQUEST_STATE_UNKNOWN("DeployRequestStateUnknown", Stall.NEVER, EventType.WARNING),
  DEPLOY_REQUEST_FAILED("DeployRequestFailed", Stall.ALWAYS, EventType.WARNING),
  DEPLOY_REQUEST_NOT_DEPLOYABLE("DeployRequestNotDeployable", Stall.ALWAYS, EventType.WARNING),
  /**
   * Normal when the operator closes a request (no changes, or a failed one); the failure of a
   * request closed before it deployed is emitted as a Warning (an explicit override).
   */
  DEPLOY_REQUEST_CLOSED("DeployRequestClosed", Stall.ALWAYS, EventType.NORMAL),
  DEPLOY_REQUEST_NOT_CLOSED("DeployRequestNotClosed", EventType.WARNING),
  /** Condition SchemaPromoted=False while the app rolls out first, and its Event. */
  SCHEMA_AFTER_ROLLOUT("SchemaAfterRollout", Stall.NEVER, EventType.NORMAL),
  /** Condition SchemaPromoted=True. */
  DEPLOY_REQUEST_COMPLETE("DeployRequestComplete", Stall.NEVER),
  /** Condition SchemaPromoted=True. */
  NO_SCHEMA_CHANGES("NoSchemaChanges", Stall.NEVER),
  SCHEMA_PROMOTED("SchemaPromoted", EventType.NORMAL),
  SCHEMA_REVERTED("SchemaReverted", Stall.ALWAYS, EventType.WARNING),

  // The revert window and joint rollbacks.

  REVERT_WINDOW_SKIPPED("RevertWindowSkipped", EventType.NORMAL),
  /** Condition RollbackAvailable=True. */
  REVERT_WINDOW_OPEN("RevertWindowOpen", Stall.NEVER),
  /** Condition RollbackAvailable=False, and the Warning of a rollback that cannot revert. */
  SCHEMA_FORWARD_ONLY("SchemaForwardOnly", Stall.NEVER, EventType.WARNING),
  JOINT_ROLLBACK("JointRollback", EventType.NORMAL),
  ROLLBACK_ABANDONED("RollbackAbandoned", EventType.WARNING),
  SCHEMA_REVERT_STARTED("SchemaRevertStarted", EventType.NORMAL),
  SCHEMA_ROLLED_BACK("SchemaRolledBack", EventType.NORMAL),
  REVERTING_SCHEMA("RevertingSchema", Stall.NEVER),
  REVERT_FAILED("RevertFailed", Stall.ALWAYS, EventType.WARNING),
  ROLLBACK_NEEDS_SCHEMA("RollbackNeedsSchema", Stall.ALWAYS, EventType.WARNING),

  // Deleting the Environment.

  SERVICE_DELETED("ServiceDeleted", EventType.NORMAL),
  SERVICE_KEPT("ServiceKept", EventType.WARNING);

  /** The type of a Kubernetes Event. */
  public enum EventType {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String wire;

    EventType(String wire) {
      this.wire = wire;
    }

    /** Normal or Warning, as core/v1 Events spell it. */
    public String wire() {
      return wire;
    }
  }

  /** What a Ready reason means for kstatus's Stalled. */
  public enum Stall {
    /** Resolves by waiting (Stalled only when the phase is Failed). */
    NEVER,
    /**
     * Does not resolve by waiting: a person must change the spec, a Secret, the image, a token or
     * the database. The operator keeps retrying (slowly), and Stalled turns False by itself once
     * the cause is gone.
     */
    ALWAYS,
    /** Waits for a person but may fairly wait a while: Stalled only beyond patience. */
    BEYOND_PATIENCE
  }

  private static final Map<String, Reason> BY_WIRE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(Reason::wire, Function.identity()));

  private final String wire;
  private final boolean condition;
  private final EventType eventType;
  private final Stall stall;

  /** A condition reason only. */
  Reason(String wire, Stall stall) {
    this(wire, true, null, stall);
  }

  /** An event reason only. */
  Reason(String wire, EventType eventType) {
    this(wire, false, eventType, Stall.NEVER);
  }

  /** A condition reason that is also emitted as an Event of {@code eventType}. */
  Reason(String wire, Stall stall, EventType eventType) {
    this(wire, true, eventType, stall);
  }

  Reason(String wire, boolean condition, EventType eventType, Stall stall) {
    this.wire = wire;
    this.condition = condition;
    this.eventType = eventType;
    this.stall = stall;
  }

  /** The reason as status and Events spell it. */
  public String wire() {
    return wire;
  }

  /** True when the operator writes it into a condition. */
  public boolean condition() {
    return condition;
  }

  /** The type it is emitted with as an Event of its own; empty for a condition reason only. */
  public Optional<EventType> eventType() {
    return Optional.ofNullable(eventType);
  }

  /** What it means for Stalled as the Ready reason. */
  public Stall stall() {
    return stall;
  }

  /** The reason spelled {@code wire}, e.g. one read back from status. */
  public static Optional<Reason> of(String wire) {
    return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire));
  }

  /** Records it as an Event of its own type on {@code env} (outside a reconcile pass). */
  void record(EventRecorder events, Environment env, String message) {
    events.record(env, requireEventType().wire(), wire, message);
  }

  /** Its Event type; throws for a condition reason only (a programming error). */
  EventType requireEventType() {
    if (eventType == null) {
      throw new IllegalStateException(wire + " is a condition reason, not an event reason");
    }
    return eventType;
  }

  @Override
  public String toString() {
    return wire;
  }
}
