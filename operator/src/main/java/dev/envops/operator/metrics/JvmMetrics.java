package dev.envops.operator.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * JVM and process meters: Micrometer's binders, plus own meters for the Prometheus Java client's
 * hotspot names ({@code process_*}, {@code jvm_*}) that no binder gives, so stock dashboards work.
 *
 * <p>From binders: {@code process_start_time_seconds} (UptimeMetrics), {@code process_open_fds},
 * {@code process_max_fds} (FileDescriptorMetrics, renamed from {@code process.files.*}), {@code
 * jvm_threads_current}, {@code jvm_threads_daemon} (JvmThreadMetrics, renamed from {@code
 * jvm.threads.live}/{@code .daemon}) and the binders' own names ({@code jvm_memory_used_bytes},
 * {@code jvm_gc_pause_seconds}, {@code jvm_classes_loaded_classes}, {@code process_cpu_usage},
 * ...). Own: {@code process_cpu_seconds_total}, {@code process_resident_memory_bytes}, {@code
 * jvm_memory_bytes_used}/{@code _committed}/{@code _max} by {@code area} and {@code
 * jvm_gc_collection_seconds} by {@code gc}.
 */
final class JvmMetrics {

  /** Binder meters shown under the Prometheus Java client's name (no unit suffix). */
  private static final Map<String, String> RENAMED =
      Map.of(
          "process.files.open", "process.open.fds",
          "process.files.max", "process.max.fds",
          "jvm.threads.live", "jvm.threads.current",
          "jvm.threads.daemon", "jvm.threads.daemon");

  /**
   * Binder meters left out: {@code process.cpu.time} is in nanoseconds ({@code
   * process_cpu_time_ns_total}, which {@code promtool check metrics} rejects for the abbreviated
   * unit; {@code process_cpu_seconds_total} has it in seconds) and {@code system.cpu.count} would
   * be a gauge named {@code system_cpu_count}, which promtool rejects for the {@code _count}
   * suffix.
   */
  private static final Set<String> DENIED = Set.of("process.cpu.time", "system.cpu.count");

  private JvmMetrics() {}

  /**
   * Adds the filters, the binders and the own meters to {@code registry}, before any other meter is
   * registered; the answer unregisters the GC binder's notification listeners.
   */
  static AutoCloseable bindTo(MeterRegistry registry) {
    registry
        .config()
        .meterFilter(MeterFilter.deny(id -> DENIED.contains(id.getName())))
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                String name = RENAMED.get(id.getName());
                return name == null ? id : id.withName(name).withBaseUnit(null);
              }
            });
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    bindOwn(registry);
    return gc;
  }

  private static void bindOwn(MeterRegistry registry) {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
          .baseUnit("seconds")
          .description("User and system CPU time spent, seconds.")
          .register(registry);
    }
    if (residentBytes() >= 0) {
      // No binder reads the resident set size: VmRSS of /proc/self/status.
      Gauge.builder("process.resident.memory", JvmMetrics::residentBytes)
          .baseUnit("bytes")
          .description("Resident memory size, bytes.")
          .register(registry);
    }
    area(registry, "used", "Used bytes of a memory area.", MemoryUsage::getUsed);
    area(registry, "committed", "Committed bytes of a memory area.", MemoryUsage::getCommitted);
    area(registry, "max", "Max bytes of a memory area (-1: undefined).", MemoryUsage::getMax);
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      FunctionTimer.builder(
              "jvm.gc.collection",
              bean,
              b -> Math.max(0, b.getCollectionCount()),
              b -> Math.max(0, b.getCollectionTime()),
              TimeUnit.MILLISECONDS)
          .tag("gc", bean.getName())
          .description("Time spent in a garbage collector.")
          .register(registry);
    }
  }

  private static void area(
      MeterRegistry registry, String what, String help, Function<MemoryUsage, Long> value) {
    var memory = ManagementFactory.getMemoryMXBean();
    Gauge.builder("jvm.memory.bytes." + what, () -> value.apply(memory.getHeapMemoryUsage()))
        .tag("area", "heap")
        .description(help)
        .register(registry);
    Gauge.builder("jvm.memory.bytes." + what, () -> value.apply(memory.getNonHeapMemoryUsage()))
        .tag("area", "nonheap")
        .description(help)
        .register(registry);
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
}
