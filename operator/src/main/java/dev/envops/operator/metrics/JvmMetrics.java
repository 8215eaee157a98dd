package dev.envops.operator.metrics;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * JVM and process metrics in the Prometheus text format, under the names the Prometheus Java
 * client's hotspot exports use ({@code process_*}, {@code jvm_*}), so stock dashboards work.
 */
final class JvmMetrics {

  private JvmMetrics() {}

  static void render(StringBuilder out) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      gauge(
          out,
          "process_cpu_seconds_total",
          "counter",
          "User and system CPU time spent, seconds.",
          sun.getProcessCpuTime() / 1e9);
    }
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      gauge(
          out,
          "process_open_fds",
          "gauge",
          "Open file descriptors.",
          unix.getOpenFileDescriptorCount());
      gauge(
          out,
          "process_max_fds",
          "gauge",
          "Maximum open file descriptors.",
          unix.getMaxFileDescriptorCount());
    }
    gauge(
        out,
        "process_start_time_seconds",
        "gauge",
        "Start time of the process, epoch seconds.",
        ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
    long rss = residentBytes();
    if (rss >= 0) {
      gauge(out, "process_resident_memory_bytes", "gauge", "Resident memory size, bytes.", rss);
    }
    var memory = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    area(
        out,
        "jvm_memory_bytes_used",
        "Used bytes of a memory area.",
        heap.getUsed(),
        nonHeap.getUsed());
    area(
        out,
        "jvm_memory_bytes_committed",
        "Committed bytes of a memory area.",
        heap.getCommitted(),
        nonHeap.getCommitted());
    area(
        out,
        "jvm_memory_bytes_max",
        "Max bytes of a memory area (-1: undefined).",
        heap.getMax(),
        nonHeap.getMax());
    var threads = ManagementFactory.getThreadMXBean();
    gauge(out, "jvm_threads_current", "gauge", "Current thread count.", threads.getThreadCount());
    gauge(
        out, "jvm_threads_daemon", "gauge", "Daemon thread count.", threads.getDaemonThreadCount());
    out.append("# HELP jvm_gc_collection_seconds Time spent in a garbage collector.\n");
    out.append("# TYPE jvm_gc_collection_seconds summary\n");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      String labels = "{gc=\"" + gc.getName().replace("\"", "") + "\"}";
      out.append("jvm_gc_collection_seconds_count")
          .append(labels)
          .append(' ')
          .append(Math.max(0, gc.getCollectionCount()))
          .append('\n');
      out.append("jvm_gc_collection_seconds_sum")
          .append(labels)
          .append(' ')
          .append(number(Math.max(0, gc.getCollectionTime()) / 1000.0))
          .append('\n');
    }
  }

  private static void area(StringBuilder out, String name, String help, long heap, long nonHeap) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append("{area=\"heap\"} ").append(heap).append('\n');
    out.append(name).append("{area=\"nonheap\"} ").append(nonHeap).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String type, String help, double v) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(' ').append(number(v)).append('\n');
  }

  /** VmRSS of /proc/self/status (Linux), or -1. */
  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.format(Locale.ROOT, "%.1f", v)
        : Double.toString(v);
  }
}
