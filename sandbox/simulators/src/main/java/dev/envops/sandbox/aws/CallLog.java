package dev.envops.sandbox.aws;

import java.util.ArrayList;
import java.util.List;

/** Thread-safe record of the operations a simulator received, in arrival order. */
public final class CallLog {

  private final List<String> calls = new ArrayList<>();

  public synchronized void record(String operation) {
    calls.add(operation);
  }

  /** Every received call of {@code operation}, including those answered with an injected fault. */
  public synchronized int count(String operation) {
    return (int) calls.stream().filter(operation::equals).count();
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized void reset() {
    calls.clear();
  }
}
