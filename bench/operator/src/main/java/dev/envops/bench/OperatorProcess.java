package dev.envops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as its own process ({@code java -jar operator/target/envops-operator.jar}), as it
 * runs in its Deployment: memory is its own, and a crash is a {@code kill -9}.
 */
final class OperatorProcess implements AutoCloseable {

  /**
   * The JVM options and environment the operator image runs with: JAVA_TOOL_OPTIONS and
   * MALLOC_ARENA_MAX of the Dockerfile's {@code operator} stage, so the benchmark measures what
   * ships.
   */
  static Map<String, String> imageEnvironment(Path dockerfile) throws IOException {
    String text = Files.readString(dockerfile);
    String stage = text.substring(text.indexOf("AS operator\n"));
    Map<String, String> env = new java.util.HashMap<>();
    Matcher m =
        Pattern.compile("(JAVA_TOOL_OPTIONS|MALLOC_ARENA_MAX)=(?:\"([^\"]*)\"|(\\S+))")
            .matcher(stage);
    while (m.find()) {
      env.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return env;
  }

  private final Path jar;
  private final Map<String, String> environment;
  private final List<String> jvmOptions;
  private final Path log;
  private Process process;
  private int starts;

  OperatorProcess(Path jar, Map<String, String> environment, List<String> jvmOptions, Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with bench/operator/run");
    }
    this.jar = jar;
    this.environment = environment;
    this.jvmOptions = jvmOptions;
    this.log = log;
  }

  void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    starts++;
  }

  /** SIGKILL: no shutdown hook, no last status patch. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /**
   * How the process ended, when it has: its exit code and the last line of its log that says why
   * (the JVM's "Terminating due to java.lang.OutOfMemoryError: ..." or an exception), if any.
   */
  Optional<String> exit() {
    if (process == null || process.isAlive()) {
      return Optional.empty();
    }
    String why = "";
    try (var lines = Files.lines(log)) {
      why =
          lines
              .filter(
                  l ->
                      l.startsWith("Terminating due to")
                          || l.startsWith("Exception in thread")
                          || l.contains(" ERROR "))
              .reduce((a, b) -> b)
              .map(l -> ": " + l)
              .orElse("");
    } catch (IOException | UncheckedIOException e) {
      why = " (log unreadable: " + e.getMessage() + ")";
    }
    return Optional.of(
        "the operator exited with code " + process.exitValue() + why + " (log: " + log + ")");
  }

  int starts() {
    return starts;
  }

  long pid() {
    return process.pid();
  }

  /** CPU time the process has used (user + system), from /proc/PID/stat. */
  Duration cpu() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    return Duration.ofMillis(ProcStat.cpuTicks(stat) * 10);
  }

  /** Resident set size and its peak (kB lines of /proc/PID/status), in MiB. */
  Memory memory() throws IOException, InterruptedException {
    String status = Files.readString(Path.of("/proc", Long.toString(pid()), "status"));
    return new Memory(kib(status, "VmRSS") / 1024.0, kib(status, "VmHWM") / 1024.0, heapUsedMib());
  }

  private double heapUsedMib() throws IOException, InterruptedException {
    return usedMib(jcmd("GC.heap_info"));
  }

  /**
   * The live heap: what is in use right after a full collection ({@code jcmd GC.run}). Forcing one
   * shrinks the serial collector's heap, so take it last.
   */
  double liveHeapMib() throws IOException, InterruptedException {
    if (jcmd("GC.run").isEmpty()) {
      return Double.NaN;
    }
    return usedMib(jcmd("GC.heap_info"));
  }

  private static double usedMib(Optional<String> heapInfo) {
    long used = heapInfo.map(HeapInfo::usedKib).orElse(-1L);
    return used < 0 ? Double.NaN : used / 1024.0;
  }

  /** The output of {@code jcmd PID command}; empty when this JDK has no jcmd. */
  private Optional<String> jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return Optional.empty();
    }
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return Optional.of(out);
  }

  private static long kib(String status, String field) {
    Matcher m = Pattern.compile(field + ":\\s+(\\d+) kB").matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Memory of the operator process, in MiB. */
  record Memory(double rssMib, double peakRssMib, double heapUsedMib) {
    @Override
    public String toString() {
      return String.format(
          "RSS %.0f MiB (peak %.0f MiB), heap used %.0f MiB", rssMib, peakRssMib, heapUsedMib);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
