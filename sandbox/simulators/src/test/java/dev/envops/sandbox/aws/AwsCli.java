package dev.envops.sandbox.aws;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real AWS CLI (v1 or v2) against a simulator with fake credentials. */
final class AwsCli {

  /** What one CLI run printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {}

  private final Path executable;
  private final boolean versionTwo;
  private final URI endpoint;

  private AwsCli(Path executable, boolean versionTwo, URI endpoint) {
    this.executable = executable;
    this.versionTwo = versionTwo;
    this.endpoint = endpoint;
  }

  /** The CLI on PATH, if there is one. */
  static Optional<AwsCli> find(URI endpoint) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "aws");
      if (Files.isExecutable(candidate)) {
        try {
          Result version = run(candidate, List.of("--version"));
          if (version.exitCode() == 0) {
            String printed = version.stdout() + version.stderr();
            return Optional.of(new AwsCli(candidate, printed.startsWith("aws-cli/2"), endpoint));
          }
        } catch (IOException e) {
          // Not a working CLI (e.g. a pyenv shim without an installed version): keep looking.
        }
      }
    }
    return Optional.empty();
  }

  Result run(String... arguments) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
    if (versionTwo) {
      command.add("--no-cli-pager");
    }
    command.addAll(List.of(arguments));
    return run(executable, command);
  }

  private static Result run(Path executable, List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    Path stdout = Files.createTempFile("aws-cli", ".out");
    Path stderr = Files.createTempFile("aws-cli", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      Map<String, String> env = builder.environment();
      env.put("AWS_ACCESS_KEY_ID", "test");
      env.put("AWS_SECRET_ACCESS_KEY", "test");
      env.remove("AWS_SESSION_TOKEN");
      env.remove("AWS_PROFILE");
      env.put("AWS_DEFAULT_REGION", "us-east-1");
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("AWS_CONFIG_FILE", "/dev/null");
      env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
      env.put("AWS_PAGER", "");
      env.put("AWS_MAX_ATTEMPTS", "1");
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("aws " + arguments + " did not finish within 60 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running aws", e);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
