package dev.envops.sandbox.apiserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifests that install the operator's API side on a cluster, in apply order: the CRD of
 * {@code crds/}, then the Namespace, ServiceAccount and RBAC of {@code operator/k8s/}.
 */
public record OperatorManifests(Map<String, String> documents) {

  /** Repository paths, in apply order. */
  public static final List<String> PATHS =
      List.of(
          "crds/environments.envops.dev-v1.yml",
          "operator/k8s/namespace.yaml",
          "operator/k8s/serviceaccount.yaml",
          "operator/k8s/rbac.yaml");

  /** Reads them from an envops checkout. */
  public static OperatorManifests fromRepository(Path root) {
    Map<String, String> docs = new LinkedHashMap<>();
    for (String path : PATHS) {
      try {
        docs.put(path, Files.readString(root.resolve(path), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + root.resolve(path), e);
      }
    }
    return new OperatorManifests(docs);
  }

  /** Reads them from the classpath, each under {@code prefix} + its repository path. */
  public static OperatorManifests fromClasspath(String prefix) {
    Map<String, String> docs = new LinkedHashMap<>();
    for (String path : PATHS) {
      try (InputStream in =
          OperatorManifests.class.getClassLoader().getResourceAsStream(prefix + path)) {
        if (in == null) {
          throw new IllegalStateException(prefix + path + " is not on the classpath");
        }
        docs.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new OperatorManifests(docs);
  }
}
