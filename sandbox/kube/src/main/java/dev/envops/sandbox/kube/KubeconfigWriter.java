package dev.envops.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig whose only context points kubectl at the sandbox (no credentials). */
final class KubeconfigWriter {

  static final String CONTEXT = "envops-sandbox";

  private KubeconfigWriter() {}

  static Path write(Path file, String serverUrl, String namespace) {
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: %1$s
            cluster:
              server: %2$s
        users:
          - name: %1$s
            user: {}
        contexts:
          - name: %1$s
            context:
              cluster: %1$s
              user: %1$s
              namespace: %3$s
        current-context: %1$s
        preferences: {}
        """
            .formatted(CONTEXT, serverUrl, namespace);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + file, e);
    }
  }
}
