package dev.envops.operator.metrics;

import dev.envops.operator.environment.Phase;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The operator's counters, histogram, per-Environment gauges and JVM/process metrics, rendered in
 * the Prometheus text format.
 */
public final class OperatorMetrics {

  private static final double[] BUCKETS = {5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600};

  private final Map<String, AtomicLong> reconciles = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> cloudCalls = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> rollouts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> deployRequests = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> stateCount = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> stateSeconds = new ConcurrentHashMap<>();
  private final AtomicLong[] bumpToReadyBuckets = new AtomicLong[BUCKETS.length];
  private final AtomicLong bumpToReadyCount = new AtomicLong();
  private final DoubleAdder bumpToReadySum = new DoubleAdder();
  private final Map<String, EnvironmentGauges> environments = new ConcurrentHashMap<>();
  private volatile PlanetScaleBudget planetScaleBudget;

  public OperatorMetrics() {
    for (int i = 0; i < BUCKETS.length; i++) {
      bumpToReadyBuckets[i] = new AtomicLong();
    }
  }

  /** Counts one reconcile by result: success or error. */
  public void reconciled(String result) {
    increment(reconciles, "result=\"" + result + "\"");
  }

  /** Counts one cloud API call by API (e.g. lightsail:GetContainerServices) and outcome. */
  public void cloudCall(String api, String outcome) {
    increment(cloudCalls, "api=\"" + api + "\",outcome=\"" + outcome + "\"");
  }

  /** Counts one finished rollout by result: succeeded or failed. */
  public void rollout(String result) {
    increment(rollouts, "result=\"" + result + "\"");
  }

  /** Counts deploy requests by what happened: created, complete, no_changes or failed. */
  public void deployRequest(String result) {
    increment(deployRequests, "result=\"" + result + "\"");
  }

  /** Records how long a deploy request stayed in {@code state} before it moved on. */
  public void deployRequestStateSeconds(String state, double seconds) {
    String labels = "state=\"" + state + "\"";
    increment(stateCount, labels);
    stateSeconds.computeIfAbsent(labels, k -> new DoubleAdder()).add(seconds);
  }

  /** Records the seconds from a revision's rollout start to Ready. */
  public void bumpToReady(double seconds) {
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bumpToReadyBuckets[i].incrementAndGet();
      }
    }
    bumpToReadyCount.incrementAndGet();
    bumpToReadySum.add(seconds);
  }

  /** Records the gauges of one Environment after a pass. */
  public void environment(EnvironmentGauges gauges) {
    environments.put(key(gauges.namespace(), gauges.name()), gauges);
  }

  /** The gauges last recorded for an Environment, if any. */
  public EnvironmentGauges environment(String namespace, String name) {
    return environments.get(key(namespace, name));
  }

  /** Drops the gauges of a deleted Environment. */
  public void forget(String namespace, String name) {
    environments.remove(key(namespace, name));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** Publishes the use of the per-organization PlanetScale budget. */
  public void planetScaleBudget(PlanetScaleBudget budget) {
    this.planetScaleBudget = budget;
  }

  /** The count of one cloud call series, for tests and diagnostics. */
  public long cloudCallCount(String api, String outcome) {
    AtomicLong v = cloudCalls.get("api=\"" + api + "\",outcome=\"" + outcome + "\"");
    return v == null ? 0 : v.get();
  }

  /** The whole registry in the Prometheus text exposition format 0.0.4. */
  public String scrape() {
    StringBuilder out = new StringBuilder();
    counter(out, "envops_reconciles_total", "Reconciles of Environments by result.", reconciles);
    counter(out, "envops_cloud_calls_total", "Cloud API calls by API and outcome.", cloudCalls);
    counter(out, "envops_rollouts_total", "Finished rollouts by result.", rollouts);
    counter(
        out,
        "envops_deploy_requests_total",
        "PlanetScale deploy requests by result (created, complete, no_changes, failed).",
        deployRequests);
    String state = "envops_deploy_request_state_seconds";
    out.append("# HELP ")
        .append(state)
        .append(" Seconds deploy requests spent in each deployment_state.\n");
    out.append("# TYPE ").append(state).append(" summary\n");
    new TreeMap<>(stateCount)
        .forEach(
            (labels, count) -> {
              out.append(state).append("_sum{").append(labels).append("} ");
              out.append(format(stateSeconds.get(labels).sum())).append('\n');
              out.append(state).append("_count{").append(labels).append("} ");
              out.append(count.get()).append('\n');
            });
    String name = "envops_bump_to_ready_seconds";
    out.append("# HELP ")
        .append(name)
        .append(" Seconds from the start of a rollout to the Environment being Ready.\n");
    out.append("# TYPE ").append(name).append(" histogram\n");
    for (int i = 0; i < BUCKETS.length; i++) {
      out.append(name)
          .append("_bucket{le=\"")
          .append(format(BUCKETS[i]))
          .append("\"} ")
          .append(bumpToReadyBuckets[i].get())
          .append('\n');
    }
    out.append(name).append("_bucket{le=\"+Inf\"} ").append(bumpToReadyCount.get()).append('\n');
    out.append(name).append("_sum ").append(format(bumpToReadySum.sum())).append('\n');
    out.append(name).append("_count ").append(bumpToReadyCount.get()).append('\n');
    PlanetScaleBudget budget = planetScaleBudget;
    if (budget != null) {
      budget(out, budget);
    }
    environmentGauges(out);
    JvmMetrics.render(out);
    return out.toString();
  }

  private void environmentGauges(StringBuilder out) {
    var all = new TreeMap<>(environments).values();
    header(out, "envops_environment_phase", "1 for the Environment's phase, 0 for the others.");
    for (EnvironmentGauges g : all) {
      for (Phase phase : Phase.values()) {
        out.append("envops_environment_phase{")
            .append(labels(g))
            .append(",phase=\"")
            .append(phase)
            .append("\"} ")
            .append(phase.name().equals(g.phase()) ? 1 : 0)
            .append('\n');
      }
    }
    gauge(
        out,
        "envops_environment_ready",
        "1 when Ready=True for the current generation.",
        all,
        g -> g.ready() ? 1 : 0);
    gauge(
        out,
        "envops_environment_reconciling",
        "1 while a rollout moves (Reconciling=True).",
        all,
        g -> g.reconciling() ? 1 : 0);
    gauge(
        out,
        "envops_environment_stalled",
        "1 when the rollout needs a person (Stalled=True).",
        all,
        g -> g.stalled() ? 1 : 0);
    gauge(
        out,
        "envops_environment_generation",
        "metadata.generation (the spec asked for).",
        all,
        g -> g.generation());
    gauge(
        out,
        "envops_environment_observed_generation",
        "status.observedGeneration.",
        all,
        g -> g.observedGeneration());
    gauge(
        out,
        "envops_environment_serving_generation",
        "The generation whose rollout was last Ready (0: none yet).",
        all,
        g -> g.servingGeneration());
    gauge(
        out,
        "envops_environment_last_rollout_timestamp_seconds",
        "When the newest successful rollout finished, epoch seconds (time() minus this is the"
            + " time since the last rollout).",
        all.stream().filter(g -> !Double.isNaN(g.lastRolloutSeconds())).toList(),
        EnvironmentGauges::lastRolloutSeconds);
    header(
        out,
        "envops_environment_deploy_request_state",
        "1 for the deployment_state of the current revision's PlanetScale deploy request.");
    for (EnvironmentGauges g : all) {
      if (g.deployRequestState() != null) {
        out.append("envops_environment_deploy_request_state{")
            .append(labels(g))
            .append(",state=\"")
            .append(g.deployRequestState().replaceAll("[^a-z_]", ""))
            .append("\",number=\"")
            .append(g.deployRequestNumber())
            .append("\"} 1\n");
      }
    }
  }

  private static void header(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void gauge(
      StringBuilder out,
      String name,
      String help,
      java.util.Collection<EnvironmentGauges> all,
      java.util.function.ToDoubleFunction<EnvironmentGauges> value) {
    header(out, name, help);
    for (EnvironmentGauges g : all) {
      out.append(name)
          .append('{')
          .append(labels(g))
          .append("} ")
          .append(JvmMetrics.number(value.applyAsDouble(g)))
          .append('\n');
    }
  }

  private static String labels(EnvironmentGauges g) {
    return "namespace=\"" + g.namespace() + "\",name=\"" + g.name() + "\"";
  }

  private static void budget(StringBuilder out, PlanetScaleBudget budget) {
    Map<String, AtomicLong> used = new TreeMap<>();
    Map<String, AtomicLong> refused = new TreeMap<>();
    for (String org : budget.organizations()) {
      String labels = "organization=\"" + org + "\"";
      used.put(labels, new AtomicLong(budget.used(org)));
      refused.put(labels, new AtomicLong(budget.refused(org)));
    }
    counter(
        out,
        "envops_planetscale_budget_calls_total",
        "PlanetScale calls (retries included) taken from the organization's client-side budget.",
        used);
    counter(
        out,
        "envops_planetscale_budget_refused_total",
        "PlanetScale calls not sent because the organization's budget had no slot in time.",
        refused);
    String limit = "envops_planetscale_budget_limit_per_second";
    out.append("# HELP ").append(limit).append(" The budget's limit, per organization.\n");
    out.append("# TYPE ").append(limit).append(" gauge\n");
    out.append(limit)
        .append(' ')
        .append(format(budget.limit() / (budget.window().toMillis() / 1000.0)))
        .append('\n');
  }

  private static void counter(
      StringBuilder out, String name, String help, Map<String, AtomicLong> series) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    new TreeMap<>(series)
        .forEach(
            (labels, value) ->
                out.append(name)
                    .append('{')
                    .append(labels)
                    .append("} ")
                    .append(value.get())
                    .append('\n'));
  }

  private static void increment(Map<String, AtomicLong> series, String labels) {
    series.computeIfAbsent(labels, k -> new AtomicLong()).incrementAndGet();
  }

  private static String format(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
  }
}
