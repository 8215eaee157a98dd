package dev.envops.sandbox.apiserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the envops checkout from the working directory (Maven runs tests in a module's dir). */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  /** The nearest directory at or above the working directory that holds {@code crds/}. */
  public static Optional<Path> find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("crds"))
          && Files.isRegularFile(dir.resolve("sandbox/kube-apiserver/go.mod"))) {
        return Optional.of(dir);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  /** Like {@link #find()}, failing with a message when not inside the repository. */
  public static Path require() {
    return find()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "not inside the envops repository (no crds/ and sandbox/kube-apiserver above "
                        + Path.of("").toAbsolutePath()
                        + ")"));
  }
}
