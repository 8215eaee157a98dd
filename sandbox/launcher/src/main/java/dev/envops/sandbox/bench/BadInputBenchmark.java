package dev.envops.sandbox.bench;

/** Bad input: malformed Environment specs end with a condition naming the field, no cloud call. */
final class BadInputBenchmark {

  private final BenchWorld world;
  private final OperatorProcess operator;
  private final Report report;

  BadInputBenchmark(BenchWorld world, OperatorProcess operator, Report report) {
    this.world = world;
    this.operator = operator;
    this.report = report;
  }

  void run() throws Exception {
    throw new UnsupportedOperationException("not written yet");
  }
}
