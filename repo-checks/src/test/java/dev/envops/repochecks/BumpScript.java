package dev.envops.repochecks;

import dev.envops.sandbox.apiserver.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs scripts/bump-environment with only the variables a test gives it (a fake CodeBuild). */
final class BumpScript {

  static final Path REPO_ROOT = RepositoryRoot.require();
  static final Path SCRIPT = REPO_ROOT.resolve("scripts/bump-environment");

  private final Map<String, String> base = new HashMap<>();

  BumpScript(Path kubeconfig, Path home) {
    base.put("PATH", System.getenv("PATH"));
    base.put("HOME", home.toString());
    base.put("KUBECONFIG", kubeconfig.toString());
    base.put("KUBECACHEDIR", home.resolve("cache").toString());
    base.put("KUBECTL", Kubectl.BINARY.toString());
  }

  /** The outcome of one run. */
  record Result(int exitCode, String output) {}

  static Map<String, String> qaPush(String sha) {
    return Map.of(
        "CODEBUILD_WEBHOOK_EVENT", "PUSH",
        "CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/qa",
        "CODEBUILD_WEBHOOK_TRIGGER", "branch/qa",
        "CODEBUILD_RESOLVED_SOURCE_VERSION", sha,
        "CODEBUILD_BUILD_SUCCEEDING", "1");
  }

  static Map<String, String> mergedIntoMain(String sha) {
    return Map.of(
        "CODEBUILD_WEBHOOK_EVENT", "PULL_REQUEST_MERGED",
        "CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/add-description",
        "CODEBUILD_WEBHOOK_BASE_REF", "refs/heads/main",
        "CODEBUILD_WEBHOOK_TRIGGER", "pr/5",
        "CODEBUILD_SOURCE_VERSION", "pr/5",
        "CODEBUILD_RESOLVED_SOURCE_VERSION", sha,
        "CODEBUILD_BUILD_SUCCEEDING", "1");
  }

  Process start(Map<String, String> variables, Path output, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(base);
    builder.environment().putAll(variables);
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    return builder.start();
  }

  Result run(Map<String, String> variables, String... args) {
    try {
      Path output = Files.createTempFile("bump", ".log");
      Process process = start(variables, output, args);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("bump-environment did not finish: " + Files.readString(output));
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      return new Result(process.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
