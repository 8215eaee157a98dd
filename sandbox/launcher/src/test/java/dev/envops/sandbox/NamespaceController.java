package dev.envops.sandbox;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What kube-controller-manager's namespace controller does, for a bare kube-apiserver that has
 * none: empties a namespace being deleted (every namespaced kind discovery lists) and then removes
 * its {@code kubernetes} finalizer, so that it goes away as it does on kind or minikube.
 */
final class NamespaceController implements AutoCloseable {

  private final KubernetesClient admin;
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final SharedIndexInformer<Namespace> informer;

  private NamespaceController(KubernetesClient admin) {
    this.admin = admin;
    this.informer =
        admin
            .namespaces()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Namespace namespace) {
                    onUpdate(null, namespace);
                  }

                  @Override
                  public void onUpdate(Namespace before, Namespace namespace) {
                    if (namespace.getMetadata().getDeletionTimestamp() != null) {
                      String name = namespace.getMetadata().getName();
                      worker.execute(() -> finalizeReporting(name));
                    }
                  }

                  @Override
                  public void onDelete(Namespace namespace, boolean unknownFinalState) {}
                });
  }

  /** Starts finalizing namespaces being deleted on the cluster of {@code admin}. */
  static NamespaceController start(KubernetesClient admin) {
    return new NamespaceController(admin);
  }

  private void finalizeReporting(String name) {
    try {
      finalizeNamespace(name);
    } catch (RuntimeException e) {
      // The sandbox's close then names the namespace left Terminating; this says why.
      System.err.println("NamespaceController: namespace " + name + " not finalized: " + e);
    }
  }

  private void finalizeNamespace(String name) {
    for (ResourceDefinitionContext kind : namespacedKinds()) {
      admin.genericKubernetesResources(kind).inNamespace(name).delete();
    }
    Namespace namespace = admin.namespaces().withName(name).get();
    if (namespace == null || namespace.getSpec() == null) {
      return;
    }
    namespace.getSpec().getFinalizers().remove("kubernetes");
    HttpRequest request =
        admin
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(
                URI.create(admin.getMasterUrl().toString())
                    .resolve("/api/v1/namespaces/" + name + "/finalize"))
            .put("application/json", Serialization.asJson(namespace))
            .build();
    HttpResponse<String> response = admin.getHttpClient().sendAsync(request, String.class).join();
    if (response.code() != 200 && response.code() != 404) {
      throw new IllegalStateException(
          "finalizing namespace " + name + ": " + response.code() + " " + response.body());
    }
  }

  private List<ResourceDefinitionContext> namespacedKinds() {
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    for (APIGroup group : admin.getApiGroups().getGroups()) {
      groupVersions.add(group.getPreferredVersion().getGroupVersion());
    }
    List<ResourceDefinitionContext> kinds = new ArrayList<>();
    for (String groupVersion : groupVersions) {
      String group = groupVersion.contains("/") ? groupVersion.split("/")[0] : "";
      String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
      APIResourceList resources = admin.getApiResources(groupVersion);
      if (resources == null) {
        continue; // an API group that is registered but not served
      }
      for (APIResource resource : resources.getResources()) {
        if (Boolean.TRUE.equals(resource.getNamespaced())
            && !resource.getName().contains("/")
            && resource.getVerbs().contains("deletecollection")) {
          kinds.add(
              new ResourceDefinitionContext.Builder()
                  .withGroup(group)
                  .withVersion(version)
                  .withPlural(resource.getName())
                  .withKind(resource.getKind())
                  .withNamespaced(true)
                  .build());
        }
      }
    }
    return kinds;
  }

  @Override
  public void close() throws InterruptedException {
    informer.close();
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }
}
