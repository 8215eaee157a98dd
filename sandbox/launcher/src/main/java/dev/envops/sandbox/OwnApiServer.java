package dev.envops.sandbox;

import dev.envops.sandbox.apiserver.KubeApiServer;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The sandbox's own kube-apiserver and etcd: started for it, stopped with all their data. */
public final class OwnApiServer implements SandboxCluster {

  private final KubeApiServer server;
  private final Path kubeconfig;

  private OwnApiServer(KubeApiServer server, Path kubeconfig) {
    this.server = server;
    this.kubeconfig = kubeconfig;
  }

  /** Starts a server and writes its admin kubeconfig to {@code <workDirectory>/kubeconfig}. */
  public static OwnApiServer start(Path workDirectory) {
    KubeApiServer server = KubeApiServer.start();
    try {
      return new OwnApiServer(
          server,
          server.writeAdminKubeconfig(
              workDirectory.resolve("kubeconfig"), PlatformSetup.NAMESPACE));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  @Override
  public OperatorInstallation install(OperatorManifests manifests) {
    return OperatorInstallation.install(server, manifests);
  }

  @Override
  public KubernetesClient adminClient() {
    return server.adminClient();
  }

  @Override
  public String url() {
    return server.url().toString();
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public String kubectl() {
    return "kubectl --kubeconfig " + kubeconfig;
  }

  @Override
  public String description() {
    return "kube-apiserver at " + url() + " (started in " + server.startTime().toMillis() + " ms)";
  }

  @Override
  public void close() {
    server.close();
  }
}
