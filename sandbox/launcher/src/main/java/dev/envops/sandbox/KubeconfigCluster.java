package dev.envops.sandbox;

import dev.envops.operator.environment.Environment;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of the user's (kind, minikube) reached by a kubeconfig. The sandbox installs on it what
 * it installs on its own server, each object labelled with this run's id, and only when none of
 * those objects exists yet; closing deletes the labelled objects and waits until they are gone, so
 * the cluster is left as it was found. No pod is started: the operator runs in the sandbox's JVM.
 */
public final class KubeconfigCluster implements SandboxCluster {

  /** The label on every object a sandbox run installs; its value is the run's id. */
  public static final String RUN_LABEL = "sandbox.envops.dev/run";

  /** How long the removal may take (a real namespace controller empties a namespace in seconds). */
  static final Duration REMOVAL_TIMEOUT = Duration.ofMinutes(2);

  private final Path file;
  private final String context;
  private final KubernetesClient admin;
  private final String runId = randomId();
  private final List<HasMetadata> installed = new ArrayList<>();

  private KubeconfigCluster(Path file, String context, KubernetesClient admin) {
    this.file = file;
    this.context = context;
    this.admin = admin;
  }

  /** Reads {@code file}; {@code context} defaults to its current context. Nothing is sent yet. */
  public static KubeconfigCluster connect(Path file, Optional<String> context) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig " + file, e);
    }
    io.fabric8.kubernetes.api.model.Config kubeconfig =
        Serialization.unmarshal(yaml, io.fabric8.kubernetes.api.model.Config.class);
    List<String> contexts =
        Optional.ofNullable(kubeconfig.getContexts()).orElse(List.of()).stream()
            .map(NamedContext::getName)
            .toList();
    String name = context.orElse(kubeconfig.getCurrentContext());
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          file + " has no current context; name one of " + contexts + " with --context");
    }
    if (!contexts.contains(name)) {
      throw new IllegalArgumentException(
          file + " has no context " + name + " (it has " + contexts + ")");
    }
    Config config = Config.fromKubeconfig(name, yaml, file.toString());
    // As on the sandbox's own server: fabric8's 10 s is short for a busy 2-core machine.
    config.setRequestTimeout(60_000);
    return new KubeconfigCluster(
        file, name, new KubernetesClientBuilder().withConfig(config).build());
  }

  /**
   * Refuses, naming them, when any of the objects of {@code manifests} exists on the cluster: they
   * may be the user's own envops install, which the sandbox must neither change nor delete.
   */
  @Override
  public OperatorInstallation install(OperatorManifests manifests) {
    List<String> found = new ArrayList<>();
    try {
      for (HasMetadata resource : OperatorInstallation.resources(admin, manifests)) {
        HasMetadata existing = admin.resource(resource).get();
        if (existing != null) {
          found.add(describe(existing) + leftBy(existing));
        }
      }
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "cannot read the cluster " + where() + ": " + e.getMessage(), e);
    }
    if (!found.isEmpty()) {
      throw new IllegalStateException(
          "the cluster "
              + where()
              + " has "
              + String.join(", ", found)
              + " already. The sandbox installs these and deletes them on exit, so it runs only on"
              + " a cluster without them: use another cluster (kind create cluster), or delete"
              + " them if they are a killed sandbox's (kubectl delete"
              + " crd,namespace,clusterrole,clusterrolebinding -l "
              + RUN_LABEL
              + ")");
    }
    return OperatorInstallation.install(
        admin,
        manifests,
        resource -> {
          Map<String, String> labels = new HashMap<>();
          Optional.ofNullable(resource.getMetadata().getLabels()).ifPresent(labels::putAll);
          labels.put(RUN_LABEL, runId);
          resource.getMetadata().setLabels(labels);
          installed.add(resource);
        });
  }

  /**
   * Deletes every Environment in the namespace the sandbox created and waits until they are gone:
   * the operator, still running, finishes their finalizers.
   */
  @Override
  public void removeEnvironments() {
    boolean ours =
        installed.stream()
            .anyMatch(
                r ->
                    r instanceof Namespace
                        && PlatformSetup.NAMESPACE.equals(r.getMetadata().getName()));
    if (!ours) {
      return;
    }
    NonNamespaceOperation<Environment, KubernetesResourceList<Environment>, Resource<Environment>>
        environments = admin.resources(Environment.class).inNamespace(PlatformSetup.NAMESPACE);
    List<Environment> present = environments.list().getItems();
    environments.delete();
    long deadline = System.nanoTime() + REMOVAL_TIMEOUT.toNanos();
    List<String> left = new ArrayList<>();
    for (Environment env : present) {
      if (!gone(environments.withName(env.getMetadata().getName()), deadline)) {
        left.add(env.getMetadata().getName());
      }
    }
    if (!left.isEmpty()) {
      throw new IllegalStateException(
          "Environments " + left + " not deleted within " + REMOVAL_TIMEOUT.toSeconds() + " s");
    }
  }

  /**
   * Deletes, newest first, what {@link #install} created and still carries this run's label, then
   * waits until all of it is gone (namespaces are emptied by the cluster's namespace controller).
   */
  @Override
  public void close() {
    try {
      List<HasMetadata> deleted = new ArrayList<>();
      for (int i = installed.size() - 1; i >= 0; i--) {
        HasMetadata current = admin.resource(installed.get(i)).get();
        if (current != null
            && current.getMetadata().getLabels() != null
            && runId.equals(current.getMetadata().getLabels().get(RUN_LABEL))) {
          admin.resource(current).delete();
          deleted.add(current);
        }
      }
      long deadline = System.nanoTime() + REMOVAL_TIMEOUT.toNanos();
      List<String> left =
          deleted.stream()
              .filter(resource -> !gone(admin.resource(resource), deadline))
              .map(KubeconfigCluster::describe)
              .toList();
      if (!left.isEmpty()) {
        throw new IllegalStateException(
            left
                + " still on the cluster "
                + where()
                + " "
                + REMOVAL_TIMEOUT.toSeconds()
                + " s after their deletion (kubectl get shows what holds them)");
      }
    } finally {
      installed.clear();
      admin.close();
    }
  }

  @Override
  public KubernetesClient adminClient() {
    return new KubernetesClientBuilder().withConfig(admin.getConfiguration()).build();
  }

  @Override
  public String url() {
    return admin.getConfiguration().getMasterUrl();
  }

  @Override
  public Path kubeconfig() {
    return file;
  }

  @Override
  public String kubectl() {
    return "kubectl --kubeconfig " + file + " --context " + context;
  }

  @Override
  public String description() {
    return "cluster " + context + " at " + url() + " (from " + file + ", run " + runId + ")";
  }

  private String where() {
    return context + " (" + file + ")";
  }

  private static <T> boolean gone(Resource<T> resource, long deadlineNanos) {
    if (resource.get() == null) {
      return true;
    }
    long remaining = Math.max(1, deadlineNanos - System.nanoTime());
    try {
      resource.waitUntilCondition(Objects::isNull, remaining, TimeUnit.NANOSECONDS);
      return true;
    } catch (KubernetesClientTimeoutException e) {
      return false;
    }
  }

  private static String describe(HasMetadata resource) {
    String namespace = resource.getMetadata().getNamespace();
    return resource.getKind()
        + " "
        + (namespace == null ? "" : namespace + "/")
        + resource.getMetadata().getName();
  }

  private static String leftBy(HasMetadata resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    return labels != null && labels.containsKey(RUN_LABEL)
        ? " (left by sandbox run " + labels.get(RUN_LABEL) + ")"
        : "";
  }

  private static String randomId() {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
