package dev.envops.bench;

import dev.envops.sandbox.fault.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Faults: the fleet's first rollout and a bulk bump with a share of every simulator's calls
 * answered 5xx or throttled, latency spikes, and some answers lost after the call took effect (the
 * case that tempts a client into a duplicate). All must converge with nothing duplicated and
 * nothing of the status lost.
 */
final class FaultBenchmark {

  /** Share of calls whose answer is dropped after the simulator acted on them. */
  static final double LOST_ANSWERS = 0.02;

  static final double SPIKES = 0.02;
  static final Duration SPIKE = Duration.ofSeconds(2);

  private final BenchWorld world;
  private final OperatorProcess operator;
  private final Report report;

  FaultBenchmark(BenchWorld world, OperatorProcess operator, Report report) {
    this.world = world;
    this.operator = operator;
    this.report = report;
  }

  void run() throws Exception {
    BenchOptions o = world.options();
    Random random = new Random(42);
    for (Faults faults : faults()) {
      faults
          .errorRate(o.faultRate() / 2)
          .throttleRate(o.faultRate() / 2)
          .latencySpikes(SPIKES, SPIKE)
          .afterCall(
              operation -> {
                boolean lose;
                synchronized (random) {
                  lose = random.nextDouble() < LOST_ANSWERS;
                }
                if (lose) {
                  throw new IllegalStateException("bench: answer of " + operation + " lost");
                }
              });
    }
    report.figure(
        "faults on every simulator",
        String.format(
            "%.0f%% 5xx, %.0f%% throttled, %.0f%% of calls +%d ms, %.0f%% of answers lost after"
                + " the call took effect",
            o.faultRate() * 50,
            o.faultRate() * 50,
            SPIKES * 100,
            SPIKE.toMillis(),
            LOST_ANSWERS * 100));

    long start = System.nanoTime();
    CloudCalls before = CloudCalls.take(world);
    world.createFleet();
    Duration first = Convergence.awaitRound(world, operator, 0, start, Duration.ofMinutes(60));
    report.figure("first rollout of all, with faults", Durations.seconds(first));
    report.figure(
        "cloud calls of the first rollout", summary(CloudCalls.take(world).since(before)));

    int round = world.prepareRound();
    before = CloudCalls.take(world);
    start = System.nanoTime();
    world.bump(round);
    Duration bulk = Convergence.awaitRound(world, operator, round, start, Duration.ofMinutes(60));
    report.figure("bulk bump → all Ready, with faults", Durations.seconds(bulk));
    report.figure("cloud calls of the bulk bump", summary(CloudCalls.take(world).since(before)));
    report.figure("duplicates", Duplicates.count(world).toString());
    report.figure(
        "lost status (not Ready with the round's digest, generation and Succeeded history)",
        Integer.toString(Fleet.read(world, round).total() - Fleet.read(world, round).converged()));
    report.figure(
        "history intact for every round", Integer.toString(Fleet.historyIntact(world, round)));
    report.figure("operator process", operator.alive() ? "alive, never restarted" : "DIED");
    report.figure("memory at the end", operator.memory().toString());
    for (Faults faults : faults()) {
      faults.reset();
    }
  }

  private List<Faults> faults() {
    return List.of(
        world.aws().lightsail().faults(), world.aws().ecr().faults(), world.planetScale().faults());
  }

  private String summary(CloudCalls calls) {
    return calls.total()
        + String.format(
            " (%.1f per Environment): ", calls.total() / (double) world.options().environments())
        + calls.byOperation();
  }
}
