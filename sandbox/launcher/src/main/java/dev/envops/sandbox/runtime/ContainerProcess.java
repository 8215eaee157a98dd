package dev.envops.sandbox.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One simulated container: a bookings-api JVM listening on a loopback port. */
final class ContainerProcess {

  private final Process process;
  private final int port;
  private final Path log;

  private ContainerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code java -jar jar} with exactly {@code environment} added to this JVM's. */
  static ContainerProcess start(Path jar, Map<String, String> environment, int port, Path log) {
    List<String> command =
        List.of(
            javaBinary(),
            // Small and quick to start: each deployment is one more JVM on a shared machine.
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            jar.toString());
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new ContainerProcess(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar, e);
    }
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  Path log() {
    return log;
  }

  /** SIGTERM (the service drains), then SIGKILL if it does not exit within 10 seconds. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
