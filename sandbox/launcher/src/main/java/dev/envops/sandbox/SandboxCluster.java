package dev.envops.sandbox;

import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * The Kubernetes cluster of a sandbox: its own kube-apiserver ({@link OwnApiServer}) or a cluster
 * of the user's reached by a kubeconfig ({@link KubeconfigCluster}). Closing it stops the one or
 * leaves the other as it was found.
 */
public interface SandboxCluster extends AutoCloseable {

  /** Opens a cluster for a sandbox working in a directory (a kubeconfig may be written there). */
  @FunctionalInterface
  interface Opener {
    SandboxCluster open(Path workDirectory);
  }

  /**
   * Applies {@code manifests} as the admin; the installation hands out the operator's client.
   * Throws without installing anything when the cluster is not one to install on.
   */
  OperatorInstallation install(OperatorManifests manifests);

  /** A new client as the cluster's admin; the caller closes it. */
  KubernetesClient adminClient();

  /** The API server's URL. */
  String url();

  /** The kubeconfig kubectl reaches the cluster with. */
  Path kubeconfig();

  /** kubectl's command line for the cluster: {@code kubectl --kubeconfig FILE [--context NAME]}. */
  String kubectl();

  /** What the cluster is, for the start's progress line. */
  String description();

  /**
   * Runs while the operator still does: removes what the story left on a cluster that outlives the
   * sandbox (the Environments, whose finalizers need the operator). Nothing on a private server.
   */
  default void removeEnvironments() {}

  /** Stops the private server, or takes off the user's cluster what {@link #install} put on it. */
  @Override
  void close();
}
