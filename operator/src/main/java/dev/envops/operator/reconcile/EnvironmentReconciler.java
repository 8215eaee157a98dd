package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.events.EventRecorder;
import dev.envops.operator.metrics.EnvironmentGauges;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import dev.envops.operator.planetscale.PlanetScaleBudgetWait;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles Environments: runs one {@link RolloutPass}, patches status only when it changed, turns
 * every transition into an Event, and backs off with jitter on cloud errors without losing what
 * status recorded. Runs in all-events mode so that the finalizer exists only for {@code
 * deletionPolicy: Delete}.
 */
@ControllerConfiguration(name = EnvironmentReconciler.NAME, triggerReconcilerOnAllEvents = true)
public class EnvironmentReconciler implements Reconciler<Environment> {

  /** Controller name (also the field manager). */
  public static final String NAME = "environment";

  /** Name of the Secrets event source. */
  public static final String SECRETS = "secrets";

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  private final OperatorConfig config;
  private final RolloutPass pass;
  private final ServiceDeletion deletion;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final BudgetWaitingLine budgetLine;
  private final RetrySchedule retries;
  private final OtherEnvironments others;

  public EnvironmentReconciler(
      OperatorConfig config,
      RolloutPass pass,
      ServiceDeletion deletion,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock,
      PlanetScaleBudget planetScaleBudget) {
    this.config = config;
    this.pass = pass;
    this.deletion = deletion;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.budgetLine = new BudgetWaitingLine(planetScaleBudget);
    this.retries =
        new RetrySchedule(
            config.pollInterval(),
            config.maxBackoff(),
            config.slowRetry(),
            planetScaleBudget,
            budgetLine);
    this.others =
        new OtherEnvironments(
            new ServiceClaims(config.namespaceRoles()), config.labelSelector().isPresent());
  }

  @Override
  public List<EventSource<?, Environment>> prepareEventSources(
      EventSourceContext<Environment> context) {
    var secrets =
        InformerEventSourceConfiguration.from(Secret.class, Environment.class)
            .withName(SECRETS)
            .withItemStore(LeanCache.store())
            .withSecondaryToPrimaryMapper(
                secret ->
                    context
                        .getPrimaryCache()
                        .list(secret.getMetadata().getNamespace())
                        .filter(env -> references(env, secret.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return List.of(
        new InformerEventSource<>(secrets, context), others.eventSource(context), budgetLine);
  }

  /** True when {@code env} reads {@code secretName}: envFrom or the PlanetScale token. */
  private static boolean references(Environment env, String secretName) {
    var spec = env.getSpec();
    if (spec == null) {
      return false;
    }
    var database = spec.getDatabase();
    if (database != null
        && database.getServiceTokenSecretRef() != null
        && secretName.equals(database.getServiceTokenSecretRef().getName())) {
      return true;
    }
    if (spec.getLightsail() == null || spec.getLightsail().getEnvFrom() == null) {
      return false;
    }
    return spec.getLightsail().getEnvFrom().stream()
        .anyMatch(
            v ->
                v != null
                    && v.getSecretKeyRef() != null
                    && secretName.equals(v.getSecretKeyRef().getName()));
  }

  /** Reads Secrets from the informer this reconciler registered. */
  public static SecretSource secretsFrom(Context<Environment> context) {
    return (namespace, name) ->
        ((InformerEventSource<Secret, Environment>)
                context.eventSourceRetriever().getEventSourceFor(Secret.class, SECRETS))
            .get(new ResourceID(name, namespace));
  }

  @Override
  public UpdateControl<Environment> reconcile(Environment env, Context<Environment> context) {
    String key = env.getMetadata().getUid();
    if (context.isPrimaryResourceDeleted()) {
      retries.passed(key);
      pass.forget(key);
      metrics.forget(env.getMetadata().getNamespace(), env.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    try {
      if (env.isMarkedForDeletion()) {
        deletion.onDeletion(env, context, others.lookup(context));
        retries.deleted(key);
        return UpdateControl.noUpdate();
      }
      if (deletion.syncFinalizer(env, context)) {
        // The finalizer edit does not bump the generation: come straight back for the rollout.
        return UpdateControl.<Environment>noUpdate().rescheduleAfter(Duration.ofMillis(1));
      }
    } catch (RuntimeException e) {
      return UpdateControl.<Environment>noUpdate()
          .rescheduleAfter(failed(env, e, "finalizer or container service deletion"));
    }

    Optional<Duration> turnedAway = retries.turnedAwayAgain(env);
    if (turnedAway.isPresent()) {
      // A third of a bulk bump's CPU went to passes the budget turned away at their first call.
      metrics.reconciled("budget_wait");
      return UpdateControl.<Environment>noUpdate().rescheduleAfter(turnedAway.get());
    }

    // The cached status is read, never written: the steps work on a copy.
    EnvironmentStatus before = env.getStatus() == null ? new EnvironmentStatus() : env.getStatus();
    EnvironmentStatus working = before.copy();
    RolloutContext ctx =
        new RolloutContext(
            env, working, clock.instant(), secretsFrom(context), others.lookup(context));
    Duration next;
    PlanetScaleBudget.passStarts();
    try {
      next = pass.run(ctx).requeueAfter().orElse(config.resyncPeriod());
      retries.passed(key);
      metrics.reconciled("success");
    } catch (PlanetScaleBudgetWait e) {
      // Not a failure: the organization's budget is busy.
      next = retries.refusedByBudget(env, e.retryAfter());
      metrics.reconciled("budget_wait");
    } catch (Exception e) {
      next = cloudError(ctx, e);
      metrics.reconciled("error");
    }
    working.setObservedGeneration(env.getMetadata().getGeneration());
    if (working.getPhase() == null) {
      working.setPhase(Phase.Pending);
    }
    StatusAggregator.Verdict verdict =
        StatusAggregator.summarize(ctx, config.deployRequestPatience());
    emitEvents(env, before, working, ctx, verdict);
    metrics.environment(
        EnvironmentGauges.of(
            env,
            working,
            metrics.environment(env.getMetadata().getNamespace(), env.getMetadata().getName())));
    if (next.equals(config.resyncPeriod())) {
      next = ResyncGrid.delay(next, clock.millis());
    }
    if (working.equals(before)) {
      return UpdateControl.<Environment>noUpdate().rescheduleAfter(next);
    }
    patchStatus(env, working, context);
    return UpdateControl.<Environment>noUpdate().rescheduleAfter(next);
  }

  /**
   * Patches status with optimistic locking and puts the answer in the operator's cache: a plain
   * {@code UpdateControl.patchStatus} lets the next pass read the status from before the patch (the
   * informer has not seen it yet), which repeated events and metrics of transitions.
   */
  private void patchStatus(
      Environment env, EnvironmentStatus status, Context<Environment> context) {
    if (config.serverSideApply()) {
      Environment desired = new Environment();
      desired.setMetadata(
          new ObjectMetaBuilder()
              .withName(env.getMetadata().getName())
              .withNamespace(env.getMetadata().getNamespace())
              .build());
      desired.setStatus(status);
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(env, desired, context);
    } else {
      PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
          env,
          context,
          current -> {
            current.setStatus(status);
            return current;
          });
    }
  }

  /** Records a failed pass in status (keeping everything else) and picks a jittered delay. */
  private Duration cloudError(RolloutContext ctx, Exception e) {
    Environment env = ctx.environment();
    String key = env.getMetadata().getUid();
    boolean first = retries.firstFailure(key);
    Duration delay = retries.failed(key);
    CloudFailure failure = CloudFailure.of(e);
    String message = ctx.redact(failure.message()) + "; retrying with backoff";
    if (!readyFor(ctx)) {
      // A Ready=True left from an older generation must not stand for the one that failed.
      ctx.condition(ConditionType.READY, false, failure.reason(), message);
    }
    if (first) {
      ctx.event(failure.reason(), message);
    }
    if (failure.unexpected()) {
      LOG.warn(
          "{}/{}: reconcile failed",
          env.getMetadata().getNamespace(),
          env.getMetadata().getName(),
          e);
    } else {
      LOG.warn(
          "{}/{}: {} (retry in {} ms)",
          env.getMetadata().getNamespace(),
          env.getMetadata().getName(),
          message,
          delay.toMillis());
    }
    return delay;
  }

  /** Ready=True computed for the generation of this pass. */
  private static boolean readyFor(RolloutContext ctx) {
    return ctx.status()
        .condition(ConditionType.READY)
        .filter(c -> Condition.TRUE.equals(c.getStatus()))
        .filter(c -> c.getObservedGeneration() != null)
        .filter(c -> c.getObservedGeneration() >= ctx.generation())
        .isPresent();
  }

  private Duration failed(Environment env, RuntimeException e, String what) {
    Duration delay = retries.failed(env.getMetadata().getUid());
    CloudFailure failure = CloudFailure.of(e);
    failure.reason().record(events, env, what + ": " + failure.message());
    return delay;
  }

  /**
   * One event per phase change, and one when the Environment becomes Stalled for a new reason
   * within a phase (e.g. Pending from SecretNotFound to ImageNotFound); Warning when it needs a
   * person, so that {@code --field-selector type=Warning} shows what to act on.
   */
  private void emitEvents(
      Environment env,
      EnvironmentStatus before,
      EnvironmentStatus after,
      RolloutContext ctx,
      StatusAggregator.Verdict verdict) {
    Set<String> reasons =
        ctx.events().stream().map(RolloutContext.PendingEvent::reason).collect(Collectors.toSet());
    if (!Objects.equals(before.getPhase(), after.getPhase()) || newlyStalled(before, after)) {
      var ready = after.condition(ConditionType.READY);
      String reason = ready.map(c -> c.getReason()).orElse(String.valueOf(after.getPhase()));
      if (!reasons.contains(reason)) {
        String message =
            Objects.equals(before.getPhase(), after.getPhase())
                ? ready.map(c -> c.getMessage()).orElse(String.valueOf(after.getPhase()))
                : "phase "
                    + (before.getPhase() == null ? "(none)" : before.getPhase())
                    + " -> "
                    + after.getPhase()
                    + ready.map(c -> ": " + c.getMessage()).orElse("");
        String type =
            after.getPhase() == Phase.Failed || verdict == StatusAggregator.Verdict.STALLED
                ? Reason.EventType.WARNING.wire()
                : Reason.EventType.NORMAL.wire();
        events.record(env, type, reason, message);
      }
    }
    ctx.events().forEach(e -> events.record(env, e.type(), e.reason(), e.message()));
  }

  private static boolean newlyStalled(EnvironmentStatus before, EnvironmentStatus after) {
    var now =
        after.condition(ConditionType.STALLED).filter(c -> Condition.TRUE.equals(c.getStatus()));
    if (now.isEmpty()) {
      return false;
    }
    return before
        .condition(ConditionType.STALLED)
        .filter(c -> Condition.TRUE.equals(c.getStatus()))
        .filter(c -> Objects.equals(c.getReason(), now.get().getReason()))
        .isEmpty();
  }
}
