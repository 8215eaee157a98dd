package dev.envops.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Runs one operator benchmark (scale, faults, crashes, bad-input) against the simulators, the real
 * kube-apiserver and the operator as its own process. Run from the repository root, through {@code
 * bench/operator/run}.
 */
public final class BenchMain {

  static final Path OPERATOR_JAR = Path.of("operator/target/envops-operator.jar");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report report = new Report("bench/operator/run " + String.join(" ", Arrays.asList(args)));
    System.out.printf(
        "%s: %d Environments (%d with schema promotion), %d ms per cloud call, machine: %d cores, load %.2f%n",
        options.benchmark(),
        options.environments(),
        options.promotingEnvironments(),
        options.latency().toMillis(),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    long setup = System.nanoTime();
    try (BenchWorld world = BenchWorld.start(options)) {
      world.aws().lightsail().faults().latency(options.latency(), java.time.Duration.ZERO);
      world.aws().ecr().faults().latency(options.latency(), java.time.Duration.ZERO);
      world.planetScale().faults().latency(options.latency(), java.time.Duration.ZERO);
      System.out.printf(
          "world ready in %s; logs in %s%n",
          Durations.seconds(java.time.Duration.ofNanos(System.nanoTime() - setup)),
          world.workDir());
      java.util.Map<String, String> environment =
          new java.util.HashMap<>(OperatorProcess.imageEnvironment(Path.of("Dockerfile")));
      environment.putAll(world.operatorEnvironment());
      System.out.printf(
          "operator: JAVA_TOOL_OPTIONS=%s MALLOC_ARENA_MAX=%s (Dockerfile) %s%n",
          environment.get("JAVA_TOOL_OPTIONS"),
          environment.get("MALLOC_ARENA_MAX"),
          String.join(" ", options.jvmOptions()));
      try (OperatorProcess operator =
          new OperatorProcess(
              OPERATOR_JAR,
              environment,
              options.jvmOptions(),
              world.workDir().resolve("operator.log"))) {
        Thread cleanup =
            new Thread(
                () -> {
                  try {
                    operator.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  world.close();
                },
                "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        operator.start();
        switch (options.benchmark()) {
          case "scale" -> new ScaleBenchmark(world, operator, report).run();
          case "faults" -> new FaultBenchmark(world, operator, report).run();
          case "crashes" -> new CrashBenchmark(world, operator, report).run();
          case "bad-input" -> new BadInputBenchmark(world, operator, report).run();
          default -> throw new IllegalArgumentException(options.benchmark());
        }
      }
    }
    report.print(options.benchmark() + " (" + Instant.now() + ")");
  }
}
