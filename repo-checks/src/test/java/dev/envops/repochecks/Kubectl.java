package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real kubectl against a sandbox kubeconfig, with a private HOME and discovery cache. */
final class Kubectl {

  /** {@code $KUBECTL}, else the first kubectl on the PATH, else /usr/bin/kubectl. */
  static final Path BINARY = locate();

  private static Path locate() {
    String explicit = System.getenv("KUBECTL");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
        return Path.of(dir, "kubectl");
      }
    }
    return Path.of("/usr/bin/kubectl");
  }

  private final Path kubeconfig;
  private final Path home;

  Kubectl(Path kubeconfig, Path home) {
    this.kubeconfig = kubeconfig;
    this.home = home;
  }

  static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(BINARY),
        "kubectl not found at " + BINARY + " (set KUBECTL=/path/to/kubectl); skipping");
  }

  /** The outcome of one kubectl run. */
  record Result(int exitCode, String stdout, String stderr) {
    Result succeeded() {
      assertThat(exitCode).as("kubectl exit code; stderr: %s", stderr).isZero();
      return this;
    }
  }

  Result run(String... args) {
    return runWithInput(null, args);
  }

  Result runWithInput(String stdin, String... args) {
    try {
      Process process = start(args);
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Result(
          process.exitValue(),
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private Process start(String... args) throws IOException {
    return builder(args).start();
  }

  /** Starts kubectl in the background with stdout redirected to a file (e.g. {@code get -w}). */
  Process startTo(Path stdout, String... args) throws IOException {
    return builder(args)
        .redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("KUBECACHEDIR", home.resolve("cache").toString());
    builder.environment().put("HOME", home.toString());
    return builder;
  }
}
