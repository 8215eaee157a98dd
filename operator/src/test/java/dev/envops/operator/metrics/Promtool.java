package dev.envops.operator.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' promtool (Debian package prometheus; ENVOPS_PROMTOOL names another binary). */
final class Promtool {

  /** Exit code and combined output of one run. */
  record Result(int exitCode, String output) {}

  private Promtool() {}

  static Result run(Path dir, byte[] stdin, String... args) throws Exception {
    String binary = System.getenv().getOrDefault("ENVOPS_PROMTOOL", "promtool");
    List<String> command = new ArrayList<>(List.of(binary));
    command.addAll(List.of(args));
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          binary + " not found: run scripts/install-prereqs (Debian package prometheus)", e);
    }
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish: " + out);
    }
    return new Result(process.exitValue(), out);
  }
}
