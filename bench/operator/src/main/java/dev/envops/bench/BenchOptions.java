package dev.envops.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Command-line options shared by the operator benchmarks. */
record BenchOptions(
    String benchmark,
    int environments,
    double promotingShare,
    Duration latency,
    Duration resync,
    int resyncs,
    double faultRate,
    int kills,
    List<String> jvmOptions,
    List<String> operatorEnv,
    Path workDir) {

  static final String USAGE =
      """
      usage: bench/operator/run scale|faults|crashes|bad-input [options]
        --envs N              Environments (default 1000; bad-input: 100)
        --promoting SHARE     share of them with schema promotion (default 0.5)
        --latency DURATION    added to every simulated cloud call (default 50ms)
        --resync DURATION     operator resync period (default 20s; bad-input: 10m, so the
                              valid fleet is idle while the corpus is applied)
        --resyncs N           resync periods measured in steady state (default 3)
        --fault-rate RATE     faults: share of calls answered 5xx or throttled (default 0.2)
        --kills N             crashes: operator kills (default 100)
        --jvm OPTION          extra JVM option for the operator process (repeatable)
        --operator-env K=V    extra operator environment variable (repeatable)
        --work-dir DIR        logs (default: a new temporary directory)
      """;

  static BenchOptions parse(String[] args) {
    if (args.length == 0 || args[0].startsWith("-")) {
      throw new IllegalArgumentException("name a benchmark\n" + USAGE);
    }
    String benchmark = args[0];
    if (!List.of("scale", "faults", "crashes", "bad-input").contains(benchmark)) {
      throw new IllegalArgumentException("unknown benchmark " + benchmark + "\n" + USAGE);
    }
    boolean badInput = benchmark.equals("bad-input");
    int envs = badInput ? 100 : 1000;
    double promoting = 0.5;
    Duration latency = Duration.ofMillis(50);
    Duration resync = badInput ? Duration.ofMinutes(10) : Duration.ofSeconds(20);
    int resyncs = 3;
    double faultRate = 0.2;
    int kills = 100;
    List<String> jvm = new ArrayList<>();
    List<String> operatorEnv = new ArrayList<>();
    Path workDir = null;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--envs" -> envs = Integer.parseInt(value);
        case "--promoting" -> promoting = Double.parseDouble(value);
        case "--latency" -> latency = Durations.parse(value);
        case "--resync" -> resync = Durations.parse(value);
        case "--resyncs" -> resyncs = Integer.parseInt(value);
        case "--fault-rate" -> faultRate = Double.parseDouble(value);
        case "--kills" -> kills = Integer.parseInt(value);
        case "--jvm" -> jvm.add(value);
        case "--operator-env" -> operatorEnv.add(value);
        case "--work-dir" -> workDir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    return new BenchOptions(
        benchmark,
        envs,
        promoting,
        latency,
        resync,
        resyncs,
        faultRate,
        kills,
        List.copyOf(jvm),
        List.copyOf(operatorEnv),
        workDir);
  }

  /** Environments with schema promotion: the first {@code promotingShare} of them. */
  int promotingEnvironments() {
    return (int) Math.round(environments * promotingShare);
  }
}
