package dev.envops.sandbox.apiserver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A kubeconfig with one cluster, one token user and one context (file mode 0600). */
public final class Kubeconfig {

  private Kubeconfig() {}

  /** Writes {@code file}; {@code context} also names the cluster and the user. */
  public static Path write(
      Path file, String context, URI server, String caPem, String token, String namespace)
      throws IOException {
    String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    String yaml =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: "
            + context
            + "\n  cluster:\n    server: "
            + server
            + "\n    certificate-authority-data: "
            + ca
            + "\nusers:\n- name: "
            + context
            + "\n  user:\n    token: "
            + token
            + "\ncontexts:\n- name: "
            + context
            + "\n  context:\n    cluster: "
            + context
            + "\n    user: "
            + context
            + "\n    namespace: "
            + namespace
            + "\ncurrent-context: "
            + context
            + "\n";
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Secrets.writePrivate(file, yaml);
    return file;
  }
}
