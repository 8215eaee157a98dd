package dev.envops.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of each thread of a process at one moment (/proc/PID/task/TID/stat), grouped by what the
 * threads do; diffs between moments. A thread counts under its group at the later moment.
 */
record ThreadCpu(Map<Long, Sample> threads) {

  record Sample(String group, long ticks) {}

  static ThreadCpu take(long pid) throws IOException {
    Map<Long, Sample> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", "" + pid, "task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          long ticks = ProcStat.cpuTicks(Files.readString(task.resolve("stat")));
          threads.put(
              Long.parseLong(task.getFileName().toString()), new Sample(group(name), ticks));
        } catch (IOException e) {
          // The thread ended between listing and reading.
        }
      }
    }
    return new ThreadCpu(threads);
  }

  /**
   * The Java Operator SDK names a reconcile thread "ReconcilerExecutor-..." only while it runs a
   * pass; in between it has its pool's "pool-N-thread-N", a name the client's other unnamed pools
   * (informer event handling) share: they are one group.
   */
  static String group(String name) {
    if (name.startsWith("ReconcilerExecu") || name.matches("pool-\\d+-thread-\\d+")) {
      return "reconcile and other pool threads";
    }
    if (name.startsWith("OkHttp") || name.startsWith("Okio")) {
      return "OkHttp threads (watch events, async responses)";
    }
    if (name.equals("VM Thread")) {
      return "VM thread (serial GC)";
    }
    if (name.contains("CompilerThre")) {
      return "JIT compiler";
    }
    if (name.startsWith("Timer-")) {
      return "timers (reschedules)";
    }
    return "other";
  }

  /** CPU milliseconds per rollout of each group since {@code earlier}, the largest first. */
  String since(ThreadCpu earlier, int rollouts) {
    return since(earlier, rollouts, "%s %.1f ms");
  }

  /**
   * CPU milliseconds of each group per unit (say, per Environment per resync) since {@code
   * earlier}, the largest first, each printed with {@code format} (the group, then the figure).
   */
  String since(ThreadCpu earlier, double units, String format) {
    Map<String, Long> byGroup = new HashMap<>();
    threads.forEach(
        (tid, now) -> {
          Sample before = earlier.threads.get(tid);
          byGroup.merge(
              now.group(), now.ticks() - (before == null ? 0 : before.ticks()), Long::sum);
        });
    // Clock ticks of 1/100 s.
    return byGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format(format, e.getKey(), e.getValue() * 10.0 / units))
        .collect(Collectors.joining(", "));
  }
}
