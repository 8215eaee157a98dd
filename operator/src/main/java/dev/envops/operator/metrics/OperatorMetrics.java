package dev.envops.operator.metrics;

import dev.envops.operator.environment.Phase;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/** The operator's Micrometer meters in a Prometheus registry, which /metrics serves. */
public final class OperatorMetrics implements AutoCloseable {

  private static final Duration[] BUMP_TO_READY_BUCKETS =
      Arrays.stream(new long[] {5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600})
          .mapToObj(Duration::ofSeconds)
          .toArray(Duration[]::new);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AutoCloseable jvm;
  private final Timer bumpToReady;
  private final Map<String, EnvironmentGauges> environments = new ConcurrentHashMap<>();
  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private final Map<String, Counter> reconciles = new ConcurrentHashMap<>();
  private volatile PlanetScaleBudget planetScaleBudget;

  /**
   * The gauges registered for one Environment, and what decides which of them exist: the deploy
   * request's state and number are labels, the last rollout's timestamp has no series before one.
   */
  private record Series(
      String deployRequestState, long number, boolean rolledOut, List<Meter> meters) {

    boolean sameShape(EnvironmentGauges g) {
      return Objects.equals(deployRequestState, state(g))
          && number == g.deployRequestNumber()
          && rolledOut == !Double.isNaN(g.lastRolloutSeconds());
    }
  }

  public OperatorMetrics() {
    jvm = JvmMetrics.bindTo(registry);
    bumpToReady =
        Timer.builder("envops.bump.to.ready")
            .description("Seconds from the start of a rollout to the Environment being Ready.")
            .serviceLevelObjectives(BUMP_TO_READY_BUCKETS)
            .register(registry);
  }

  /** Counts one reconcile by result: success, error or budget_wait. */
  public void reconciled(String result) {
    // Kept, not looked up again: every pass counts one, and the registry's lookup builds the id.
    reconciles
        .computeIfAbsent(
            result,
            r ->
                Counter.builder("envops.reconciles")
                    .description("Reconciles of Environments by result.")
                    .tag("result", r)
                    .register(registry))
        .increment();
  }

  /** Counts one cloud API call by API (e.g. lightsail:GetContainerServices) and outcome. */
  public void cloudCall(String api, String outcome) {
    Counter.builder("envops.cloud.calls")
        .description("Cloud API calls by API and outcome.")
        .tags("api", api, "outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Counts one finished rollout by result: succeeded or failed. */
  public void rollout(String result) {
    Counter.builder("envops.rollouts")
        .description("Finished rollouts by result.")
        .tag("result", result)
        .register(registry)
        .increment();
  }

  /** Counts deploy requests by what happened: created, complete, no_changes, failed, reverted. */
  public void deployRequest(String result) {
    Counter.builder("envops.deploy.requests")
        .description(
            "PlanetScale deploy requests by result (created, complete, no_changes, failed,"
                + " reverted).")
        .tag("result", result)
        .register(registry)
        .increment();
  }

  /** Records how long a deploy request stayed in {@code state} before it moved on. */
  public void deployRequestStateSeconds(String state, double seconds) {
    Timer.builder("envops.deploy.request.state")
        .description("Seconds deploy requests spent in each deployment_state.")
        .tag("state", state)
        .register(registry)
        .record(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  /** Records the seconds from a revision's rollout start to Ready. */
  public void bumpToReady(double seconds) {
    bumpToReady.record(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  /** Records the gauges of one Environment after a pass. */
  public void environment(EnvironmentGauges gauges) {
    String key = key(gauges.namespace(), gauges.name());
    series.compute(
        key,
        (k, before) -> {
          environments.put(k, gauges);
          if (before != null && before.sameShape(gauges)) {
            return before;
          }
          if (before != null) {
            before.meters().forEach(registry::remove);
          }
          return register(k, gauges);
        });
  }

  /** The gauges last recorded for an Environment, if any. */
  public EnvironmentGauges environment(String namespace, String name) {
    return environments.get(key(namespace, name));
  }

  /** Drops the gauges of a deleted Environment: its series disappear from /metrics. */
  public void forget(String namespace, String name) {
    series.compute(
        key(namespace, name),
        (k, before) -> {
          if (before != null) {
            before.meters().forEach(registry::remove);
          }
          environments.remove(k);
          return null;
        });
  }

  /** Publishes the use of the per-organization PlanetScale budget. */
  public void planetScaleBudget(PlanetScaleBudget budget) {
    this.planetScaleBudget = budget;
    Gauge.builder("envops.planetscale.budget.limit.per.second", this, OperatorMetrics::budgetLimit)
        .description("The budget's limit, per organization.")
        .register(registry);
  }

  /** The whole registry in the Prometheus text exposition format 0.0.4. */
  public String scrape() {
    PlanetScaleBudget budget = planetScaleBudget;
    if (budget != null) {
      // Organizations appear as passes use the budget: one series each from its first call on.
      for (String org : budget.organizations()) {
        FunctionCounter.builder(
                "envops.planetscale.budget.calls", this, m -> m.budgetCount(org, true))
            .description("PlanetScale calls taken from the organization's client-side budget.")
            .tag("organization", org)
            .register(registry);
        FunctionCounter.builder(
                "envops.planetscale.budget.refused", this, m -> m.budgetCount(org, false))
            .description(
                "PlanetScale calls not sent because the organization's budget had no slot in"
                    + " time.")
            .tag("organization", org)
            .register(registry);
      }
    }
    return registry.scrape();
  }

  /** Unregisters the JVM binders' listeners and closes the registry. */
  @Override
  public void close() {
    try {
      jvm.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      registry.close();
    }
  }

  private double budgetCount(String org, boolean used) {
    PlanetScaleBudget budget = planetScaleBudget;
    return budget == null ? 0 : used ? budget.used(org) : budget.refused(org);
  }

  private double budgetLimit() {
    PlanetScaleBudget budget = planetScaleBudget;
    return budget == null ? Double.NaN : budget.limit() / (budget.window().toMillis() / 1000.0);
  }

  private Series register(String key, EnvironmentGauges g) {
    Tags tags = Tags.of("namespace", g.namespace(), "name", g.name());
    List<Meter> meters = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      meters.add(
          gauge(
              "envops.environment.phase",
              "1 for the Environment's phase, 0 for the others.",
              null,
              tags.and("phase", phase.name()),
              key,
              e -> phase.name().equals(e.phase()) ? 1 : 0));
    }
    meters.add(
        gauge(
            "envops.environment.ready",
            "1 when Ready=True for the current generation.",
            null,
            tags,
            key,
            e -> e.ready() ? 1 : 0));
    meters.add(
        gauge(
            "envops.environment.reconciling",
            "1 while a rollout moves (Reconciling=True).",
            null,
            tags,
            key,
            e -> e.reconciling() ? 1 : 0));
    meters.add(
        gauge(
            "envops.environment.stalled",
            "1 when the rollout needs a person (Stalled=True).",
            null,
            tags,
            key,
            e -> e.stalled() ? 1 : 0));
    meters.add(
        gauge(
            "envops.environment.generation",
            "metadata.generation (the spec asked for).",
            null,
            tags,
            key,
            EnvironmentGauges::generation));
    meters.add(
        gauge(
            "envops.environment.observed.generation",
            "status.observedGeneration.",
            null,
            tags,
            key,
            EnvironmentGauges::observedGeneration));
    meters.add(
        gauge(
            "envops.environment.serving.generation",
            "The generation whose rollout was last Ready (0: none yet).",
            null,
            tags,
            key,
            EnvironmentGauges::servingGeneration));
    boolean rolledOut = !Double.isNaN(g.lastRolloutSeconds());
    if (rolledOut) {
      meters.add(
          gauge(
              "envops.environment.last.rollout.timestamp",
              "When the newest successful rollout finished, epoch seconds (time() minus this is"
                  + " the time since the last rollout).",
              "seconds",
              tags,
              key,
              EnvironmentGauges::lastRolloutSeconds));
    }
    String state = state(g);
    if (state != null) {
      meters.add(
          gauge(
              "envops.environment.deploy.request.state",
              "1 for the deployment_state of the current revision's PlanetScale deploy request.",
              null,
              tags.and("state", state).and("number", String.valueOf(g.deployRequestNumber())),
              key,
              e -> 1));
    }
    return new Series(state, g.deployRequestNumber(), rolledOut, List.copyOf(meters));
  }

  private Gauge gauge(
      String name,
      String help,
      String unit,
      Tags tags,
      String key,
      ToDoubleFunction<EnvironmentGauges> value) {
    return Gauge.builder(
            name,
            () -> {
              EnvironmentGauges g = environments.get(key);
              return g == null ? Double.NaN : value.applyAsDouble(g);
            })
        .description(help)
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }

  private static String state(EnvironmentGauges g) {
    return g.deployRequestState() == null ? null : g.deployRequestState().replaceAll("[^a-z_]", "");
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
