package dev.envops.sandbox.apiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the {@code kube-apiserver} and {@code etcd} binaries come from: {@code
 * ENVOPS_KUBE_BIN_DIR}, envtest's {@code KUBEBUILDER_ASSETS}, both on the {@code PATH}, or else
 * this repository's {@code sandbox/kube-apiserver/build} (builds once per machine, then cached).
 */
public record KubeBinaries(Path kubeApiServer, Path etcd, String origin) {

  /** Finds the binaries in this process's environment, building them if nowhere else. */
  public static KubeBinaries locate() {
    return locate(System::getenv, RepositoryRoot.find());
  }

  static KubeBinaries locate(Function<String, String> env, Optional<Path> repositoryRoot) {
    for (String variable : List.of("ENVOPS_KUBE_BIN_DIR", "KUBEBUILDER_ASSETS")) {
      String dir = env.apply(variable);
      if (dir != null && !dir.isBlank()) {
        return inDirectory(Path.of(dir), variable)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        variable + "=" + dir + " has no executable kube-apiserver and etcd"));
      }
    }
    Optional<KubeBinaries> onPath = onPath(env.apply("PATH"));
    if (onPath.isPresent()) {
      return onPath.get();
    }
    Path root =
        repositoryRoot.orElseThrow(
            () ->
                new IllegalStateException(
                    "no kube-apiserver/etcd: set KUBEBUILDER_ASSETS or ENVOPS_KUBE_BIN_DIR, put"
                        + " both on the PATH, or run from the envops repository (which builds"
                        + " them with sandbox/kube-apiserver/build)"));
    Path dir = build(root.resolve("sandbox/kube-apiserver/build"));
    return inDirectory(dir, "sandbox/kube-apiserver/build")
        .orElseThrow(() -> new IllegalStateException("the build left no binaries in " + dir));
  }

  static Optional<KubeBinaries> inDirectory(Path dir, String origin) {
    Path apiServer = dir.resolve("kube-apiserver");
    Path etcd = dir.resolve("etcd");
    if (Files.isExecutable(apiServer) && Files.isExecutable(etcd)) {
      return Optional.of(new KubeBinaries(apiServer, etcd, origin + " (" + dir + ")"));
    }
    return Optional.empty();
  }

  static Optional<KubeBinaries> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    Optional<Path> apiServer = Optional.empty();
    Optional<Path> etcd = Optional.empty();
    for (String entry : path.split(":")) {
      if (entry.isEmpty()) {
        continue;
      }
      Path dir = Path.of(entry);
      if (apiServer.isEmpty() && Files.isExecutable(dir.resolve("kube-apiserver"))) {
        apiServer = Optional.of(dir.resolve("kube-apiserver"));
      }
      if (etcd.isEmpty() && Files.isExecutable(dir.resolve("etcd"))) {
        etcd = Optional.of(dir.resolve("etcd"));
      }
    }
    if (apiServer.isPresent() && etcd.isPresent()) {
      return Optional.of(new KubeBinaries(apiServer.get(), etcd.get(), "PATH"));
    }
    return Optional.empty();
  }

  private static Path build(Path script) {
    try {
      // The build's progress goes to our stderr; its last stdout line is the directory.
      Process process =
          new ProcessBuilder(script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = process.waitFor();
      if (code != 0) {
        throw new IllegalStateException(script + " failed with exit code " + code);
      }
      List<String> lines = out.strip().lines().toList();
      if (lines.isEmpty()) {
        throw new IllegalStateException(script + " printed no directory");
      }
      return Path.of(lines.get(lines.size() - 1));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the API server", e);
    }
  }

  /** For a message: where the binaries were found. */
  @Override
  public String toString() {
    return origin;
  }
}
