package dev.envops.bench;

import dev.envops.sandbox.fault.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crashes: the operator process is killed with SIGKILL at random moments while the fleet rolls out
 * (first rollout, then bulk bumps, one after another) and started again, at least {@code --kills}
 * times. Afterwards everything must converge with nothing duplicated and no rollout's record lost.
 */
final class CrashBenchmark {

  /** Kill after a uniformly random 1–10 s of operator life (its start-up included). */
  static final long MIN_LIFE_MS = 1_000;

  static final long MAX_LIFE_MS = 10_000;

  private final BenchWorld world;
  private final OperatorProcess operator;
  private final Report report;
  private final AtomicLong lastCall = new AtomicLong();

  CrashBenchmark(BenchWorld world, OperatorProcess operator, Report report) {
    this.world = world;
    this.operator = operator;
    this.report = report;
  }

  void run() throws Exception {
    BenchOptions o = world.options();
    for (Faults faults :
        List.of(
            world.aws().lightsail().faults(),
            world.aws().ecr().faults(),
            world.planetScale().faults())) {
      faults.afterCall(op -> lastCall.set(System.nanoTime()));
    }
    Random random = new Random(42);
    List<Duration> resume = new ArrayList<>();
    int kills = 0;
    int duringRollout = 0;
    int round = 0;
    long start = System.nanoTime();
    world.createFleet();
    while (duringRollout < o.kills()) {
      if (Fleet.read(world, round).allConverged()) {
        round = world.prepareRound();
        world.bump(round);
        continue;
      }
      Thread.sleep(MIN_LIFE_MS + (long) (random.nextDouble() * (MAX_LIFE_MS - MIN_LIFE_MS)));
      boolean rolling = !Fleet.read(world, round).allConverged();
      operator.kill();
      kills++;
      if (rolling) {
        duringRollout++;
      }
      // Calls the dead process had in flight may still be answered: wait them out.
      Thread.sleep(o.latency().toMillis() * 4 + 100);
      operator.start();
      long restarted = System.nanoTime();
      Convergence.await(
          () -> lastCall.get() > restarted, restarted, Duration.ofMinutes(2), "resume");
      resume.add(Duration.ofNanos(lastCall.get() - restarted));
      if (kills % 10 == 0) {
        System.out.printf("  ... %d kills, round %d: %s%n", kills, round, Fleet.read(world, round));
      }
    }
    long lastKill = System.nanoTime();
    Duration settle =
        Convergence.awaitRound(world, operator, round, lastKill, Duration.ofMinutes(30));
    report.figure(
        "kills (SIGKILL during rollouts, restarted at once)",
        kills
            + " ("
            + duringRollout
            + " while Environments were rolling out) over "
            + (round + 1)
            + " rounds (first rollout + "
            + round
            + " bulk bumps) in "
            + Durations.seconds(Duration.ofNanos(lastKill - start)));
    report.figure("restart → first cloud call (resume)", ScaleBenchmark.spread(resume));
    report.figure("after the last kill → all Ready", Durations.seconds(settle));
    report.figure("duplicates", Duplicates.count(world).toString());
    Fleet fleet = Fleet.read(world, round);
    report.figure(
        "lost status (not Ready with the round's digest, generation and Succeeded history)",
        Integer.toString(fleet.total() - fleet.converged()));
    report.figure(
        "Environments whose history lists every round, newest first",
        Fleet.historyIntact(world, round) + "/" + fleet.total());
  }
}
