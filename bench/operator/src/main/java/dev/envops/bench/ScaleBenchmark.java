package dev.envops.bench;

import dev.envops.sandbox.planetscale.DeployState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Scale: the fleet's first rollout, steady state over several resyncs (cloud calls and status
 * writes per Environment), one tag bump to its Lightsail deployment call, then a bulk bump of every
 * Environment to all Ready, against the floor the simulated latency allows.
 */
final class ScaleBenchmark {

  private static final int SOLO_SAMPLES = 5;

  private final BenchWorld world;
  private final OperatorProcess operator;
  private final Report report;

  ScaleBenchmark(BenchWorld world, OperatorProcess operator, Report report) {
    this.world = world;
    this.operator = operator;
    this.report = report;
  }

  void run() throws Exception {
    BenchOptions o = world.options();
    long start = System.nanoTime();
    world.createFleet();
    Duration first = Convergence.awaitRound(world, operator, 0, start, Duration.ofMinutes(30));
    report.figure(
        "first rollout (create service, deploy, promote) of all", Durations.seconds(first));
    report.figure("memory after first rollout", operator.memory().toString());

    double steadyCpuShare = steadyState(o);
    soloBumps();
    bulkBump(o, steadyCpuShare);
    report.figure("memory at the end", operator.memory().toString());
    report.figure(
        "live heap at the end (in use after a forced full GC)",
        String.format("%.0f MiB", operator.liveHeapMib()));
    report.figure(
        "Kubernetes Events recorded by the operator (reaped by the bench)",
        Integer.toString(world.reapedEvents()));
  }

  /** Measures the steady state; returns its operator CPU per second of wall time (resyncs only). */
  private double steadyState(BenchOptions o) throws Exception {
    // One period for follow-up passes of the rollout to finish, then count.
    Thread.sleep(o.resync().toMillis());
    Map<String, String> versions = resourceVersions();
    CloudCalls before = CloudCalls.take(world);
    int regionWideBefore = world.aws().lightsail().regionWideReads().size();
    Duration cpuBefore = operator.cpu();
    ThreadCpu threadsBefore = ThreadCpu.take(operator.pid());
    Thread.sleep(o.resync().toMillis() * o.resyncs());
    CloudCalls calls = CloudCalls.take(world).since(before);
    List<String> regionWide = world.aws().lightsail().regionWideReads();
    List<String> steadyRegionWide = regionWide.subList(regionWideBefore, regionWide.size());
    int lightsailReads = calls.count("lightsail:GetContainerServices");
    long pairs = steadyRegionWide.stream().distinct().count();
    Duration cpu = operator.cpu().minus(cpuBefore);
    Map<String, String> after = resourceVersions();
    long statusWrites =
        after.entrySet().stream()
            .filter(e -> !e.getValue().equals(versions.get(e.getKey())))
            .count();
    double perEnvPerResync = (double) o.environments() * o.resyncs();
    report.figure(
        "steady state, per Environment per resync",
        String.format(
            "%.2f reads, %.2f writes (%d resyncs of %s; %s)",
            calls.reads() / perEnvPerResync,
            calls.writes() / perEnvPerResync,
            o.resyncs(),
            Durations.seconds(o.resync()),
            calls.byOperation()));
    report.figure(
        "steady state, Lightsail GetContainerServices per resync",
        String.format(
            "%.1f: %.1f region-wide over %d (account, region) pairs, %.1f by name",
            lightsailReads / (double) o.resyncs(),
            steadyRegionWide.size() / (double) o.resyncs(),
            pairs,
            (lightsailReads - steadyRegionWide.size()) / (double) o.resyncs()));
    report.figure("steady state, Environments whose resource changed", Long.toString(statusWrites));
    report.figure(
        "steady state, operator CPU per Environment per resync",
        String.format("%.2f ms", cpu.toNanos() / 1e6 / perEnvPerResync));
    report.figure(
        "steady state, operator CPU per Environment per resync by thread",
        ThreadCpu.take(operator.pid()).since(threadsBefore, perEnvPerResync, "%s %.3f ms"));
    return cpu.toNanos() / (double) o.resync().multipliedBy(o.resyncs()).toNanos();
  }

  private Map<String, String> resourceVersions() {
    return world
        .client()
        .resources(dev.envops.operator.environment.Environment.class)
        .inNamespace(BenchWorld.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .collect(
            Collectors.toMap(
                e -> e.getMetadata().getName(), e -> e.getMetadata().getResourceVersion()));
  }

  /** Tag bump → CreateContainerServiceDeployment, and bump → Ready, one Environment at a time. */
  private void soloBumps() throws Exception {
    BenchOptions o = world.options();
    AtomicLong deploymentCall = new AtomicLong();
    world
        .aws()
        .lightsail()
        .faults()
        .afterCall(
            op -> {
              if (op.equals("CreateContainerServiceDeployment")) {
                deploymentCall.compareAndSet(0, System.nanoTime());
              }
            });
    List<Duration> toCall = new ArrayList<>();
    List<Duration> toReady = new ArrayList<>();
    for (int k = 0; k < SOLO_SAMPLES; k++) {
      int i = o.environments() - 1 - k;
      deploymentCall.set(0);
      String tag = "solo" + k + "-" + i;
      long bumped = System.nanoTime();
      world.soloBump(i, tag);
      Duration ready = awaitReady(i, tag, bumped);
      toCall.add(Duration.ofNanos(deploymentCall.get() - bumped));
      toReady.add(ready);
    }
    world.aws().lightsail().faults().afterCall(op -> {});
    report.figure("one tag bump → Lightsail deployment call (no promotion)", spread(toCall));
    report.figure(
        "one tag bump → Ready, alone (no promotion): per-Environment floor", spread(toReady));

    if (o.promotingEnvironments() > 0) {
      List<Duration> promoted = new ArrayList<>();
      for (int k = 0; k < SOLO_SAMPLES; k++) {
        int i = o.promotingEnvironments() - 1 - k;
        String tag = "solo" + k + "-" + i;
        world.changeDevSchema(i, "solo" + k);
        long bumped = System.nanoTime();
        world.soloBump(i, tag);
        promoted.add(awaitReady(i, tag, bumped));
      }
      report.figure(
          "one tag bump → Ready, alone (schema change promoted): per-Environment floor",
          spread(promoted));
    }
  }

  private Duration awaitReady(int i, String tag, long bumped) throws InterruptedException {
    String name = BenchWorld.name(i);
    return Convergence.await(
        () -> Fleet.readyWith(world, Fleet.get(world, name), tag),
        bumped,
        Duration.ofMinutes(2),
        name + " Ready with " + tag);
  }

  private void bulkBump(BenchOptions o, double steadyCpuShare) throws Exception {
    int round = world.prepareRound();
    CloudCalls before = CloudCalls.take(world);
    ApiServerRequests apiBefore = ApiServerRequests.take(world.client());
    Duration cpuBefore = operator.cpu();
    ThreadCpu threadsBefore = ThreadCpu.take(operator.pid());
    long start = System.nanoTime();
    world.bump(round);
    Duration bumped = Duration.ofNanos(System.nanoTime() - start);
    long lastBump = System.nanoTime();
    Duration all = Convergence.awaitRound(world, operator, round, start, Duration.ofMinutes(30));
    Duration afterLast = all.minus(Duration.ofNanos(lastBump - start));
    CloudCalls calls = CloudCalls.take(world).since(before);
    Duration cpu = operator.cpu().minus(cpuBefore);
    report.figure("bulk bump, revert windows after all Ready", revertWindows(all));
    report.figure(
        "bulk bump, operator CPU per rollout by thread (resyncs included)",
        ThreadCpu.take(operator.pid()).since(threadsBefore, o.environments()));
    report.figure(
        "bulk bump, API server requests per rollout (the bench's own included)",
        ApiServerRequests.take(world.client()).since(apiBefore).per(o.environments()));
    report.figure(
        "bulk bump, operator CPU",
        String.format(
            "%.1f s (%.1f ms per Environment rollout; the machine has %d cores for the operator,"
                + " the simulators, the API server and MariaDB)",
            cpu.toMillis() / 1000.0,
            cpu.toMillis() / (double) o.environments(),
            Runtime.getRuntime().availableProcessors()));
    // Resyncs go on during the bump at the steady state's rate (every --resync, 20 s by default
    // here, against 5 minutes in a real deployment): that share is not the rollouts' work.
    double resyncMillis = steadyCpuShare * all.toMillis();
    report.figure(
        "bulk bump, operator CPU beyond the steady state's resyncs",
        String.format(
            "%.1f ms per Environment rollout (%.1f s of the bump's CPU is resyncs at the steady"
                + " state's %.1f%% of a core over %s)",
            (cpu.toMillis() - resyncMillis) / o.environments(),
            resyncMillis / 1000,
            steadyCpuShare * 100,
            Durations.seconds(all)));
    var operator = world.operatorConfig();
    int threads = operator.reconcileThreads();
    Duration callFloor = o.latency().multipliedBy(calls.total()).dividedBy(threads);
    report.figure(
        "bulk bump of "
            + o.environments()
            + " ("
            + o.promotingEnvironments()
            + " promoting) → all Ready",
        Durations.seconds(all)
            + " (the "
            + o.environments()
            + " merge patches themselves took "
            + Durations.seconds(bumped)
            + "; all Ready "
            + Durations.seconds(afterLast)
            + " after the last one)");
    report.figure(
        "bulk bump cloud calls",
        calls.total()
            + " ("
            + String.format("%.1f", calls.total() / (double) o.environments())
            + " per Environment): "
            + calls.byOperation());
    int planetScale =
        calls.byOperation().entrySet().stream()
            .filter(e -> e.getKey().startsWith("planetscale:"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    report.figure(
        "bulk bump cloud calls per rollout, by cloud",
        String.format(
            "%.2f Lightsail + ECR, %.2f PlanetScale (%.2f per promoting rollout)",
            (calls.total() - planetScale) / (double) o.environments(),
            planetScale / (double) o.environments(),
            o.promotingEnvironments() == 0
                ? 0.0
                : planetScale / (double) o.promotingEnvironments()));
    // The operator paces PlanetScale at 95% of its per-organization budget (PlanetScaleBudget).
    String budget =
        operator.planetScaleBudget()
            + " per "
            + Durations.seconds(operator.planetScaleBudgetWindow());
    double perSecond =
        operator.planetScaleBudget()
            * 0.95
            / (operator.planetScaleBudgetWindow().toMillis() / 1000.0);
    Duration budgetFloor = Duration.ofMillis((long) (planetScale / perSecond * 1000));
    report.figure(
        "floor: PlanetScale calls ÷ the organization's budget",
        Durations.seconds(budgetFloor)
            + " ("
            + planetScale
            + " calls at 95% of "
            + budget
            + ", one organization; the bulk bump cannot end sooner)");
    report.figure(
        "floor: calls × latency ÷ reconcile threads",
        Durations.seconds(callFloor)
            + " ("
            + calls.total()
            + " × "
            + o.latency().toMillis()
            + " ms ÷ "
            + threads
            + ")");
    report.figure("duplicates", Duplicates.count(world).toString());
  }

  /**
   * A window is skipped after Ready, in a later pass when the budget turned the skip away: the
   * bump's figures end at all Ready, so this says how many were still open then and when the last
   * closed (each holds its database's deploy queue until then).
   */
  private String revertWindows(Duration allReady) throws InterruptedException {
    long start = System.nanoTime();
    long open = openRevertWindows();
    long atReady = open;
    Duration timeout = Duration.ofMinutes(5);
    while (open > 0 && System.nanoTime() - start < timeout.toNanos()) {
      Thread.sleep(1000);
      open = openRevertWindows();
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    return atReady
        + " still open at all Ready; "
        + (open == 0
            ? "all skipped " + Durations.seconds(allReady.plus(waited)) + " after the bump"
            : open + " still open " + Durations.seconds(timeout) + " later");
  }

  private long openRevertWindows() {
    return world.deployRequests().stream()
        .filter(r -> r.deploymentState() == DeployState.COMPLETE_PENDING_REVERT)
        .count();
  }

  static String spread(List<Duration> samples) {
    List<Long> ms = new ArrayList<>(samples.stream().map(Duration::toMillis).toList());
    Collections.sort(ms);
    return String.format(
        "median %d ms, min %d ms, max %d ms (%d samples)",
        ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), ms.size());
  }

  static String name(HasMetadata r) {
    return r.getMetadata().getName();
  }
}
