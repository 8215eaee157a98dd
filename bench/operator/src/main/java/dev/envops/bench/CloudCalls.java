package dev.envops.bench;

import dev.envops.sandbox.planetscale.Operation;
import java.util.Map;
import java.util.TreeMap;

/** Calls the simulators received, by API and operation, at one moment; diffs between moments. */
record CloudCalls(Map<String, Integer> byOperation) {

  static CloudCalls take(BenchWorld world) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String op : world.aws().lightsail().calls()) {
      counts.merge("lightsail:" + op, 1, Integer::sum);
    }
    for (String op : world.aws().ecr().calls()) {
      counts.merge("ecr:" + op, 1, Integer::sum);
    }
    for (Operation op : Operation.values()) {
      int n = world.planetScale().callCount(op);
      if (n > 0) {
        counts.put("planetscale:" + op.apiName(), n);
      }
    }
    return new CloudCalls(counts);
  }

  CloudCalls since(CloudCalls earlier) {
    Map<String, Integer> diff = new TreeMap<>();
    byOperation.forEach(
        (op, n) -> {
          int d = n - earlier.byOperation.getOrDefault(op, 0);
          if (d != 0) {
            diff.put(op, d);
          }
        });
    return new CloudCalls(diff);
  }

  int total() {
    return byOperation.values().stream().mapToInt(Integer::intValue).sum();
  }

  int reads() {
    return byOperation.entrySet().stream()
        .filter(e -> isRead(e.getKey()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  int writes() {
    return total() - reads();
  }

  int count(String operation) {
    return byOperation.getOrDefault(operation, 0);
  }

  static boolean isRead(String operation) {
    String op = operation.substring(operation.indexOf(':') + 1);
    return op.startsWith("Get")
        || op.startsWith("Describe")
        || op.startsWith("List")
        || op.startsWith("get_")
        || op.startsWith("list_");
  }
}
