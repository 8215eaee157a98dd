package dev.envops.sandbox.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CRDs stored in the mock, read on every call so that a CRD applied by kubectl, by a client or
 * by {@link SandboxKubernetesApi#installCrd} is served the same way.
 */
final class CrdCatalog {

  private final KubernetesClient client;

  CrdCatalog(KubernetesClient client) {
    this.client = client;
  }

  private List<CustomResourceDefinition> crds() {
    return client.apiextensions().v1().customResourceDefinitions().list().getItems();
  }

  /** One entry per served version of each stored CRD. */
  List<ResourceType> resourceTypes() {
    List<ResourceType> types = new ArrayList<>();
    for (CustomResourceDefinition crd : crds()) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (Boolean.FALSE.equals(version.getServed())) {
          continue;
        }
        types.add(resourceType(crd, version));
      }
    }
    return types;
  }

  /** The version the group prefers: the storage version when served, else the first served. */
  Optional<String> preferredVersion(String group) {
    for (CustomResourceDefinition crd : crds()) {
      if (!crd.getSpec().getGroup().equals(group)) {
        continue;
      }
      Optional<String> storage =
          crd.getSpec().getVersions().stream()
              .filter(v -> Boolean.TRUE.equals(v.getStorage()))
              .filter(v -> !Boolean.FALSE.equals(v.getServed()))
              .map(CustomResourceDefinitionVersion::getName)
              .findFirst();
      if (storage.isPresent()) {
        return storage;
      }
    }
    return resourceTypes().stream()
        .filter(type -> type.group().equals(group))
        .map(ResourceType::version)
        .findFirst();
  }

  /** The printer columns of a custom resource, or empty when the path names no CRD. */
  Optional<List<PrinterColumn>> printerColumns(String group, String version, String plural) {
    for (CustomResourceDefinition crd : crds()) {
      if (!crd.getSpec().getGroup().equals(group)
          || !crd.getSpec().getNames().getPlural().equals(plural)) {
        continue;
      }
      for (CustomResourceDefinitionVersion served : crd.getSpec().getVersions()) {
        if (served.getName().equals(version)) {
          return Optional.of(columns(served.getAdditionalPrinterColumns()));
        }
      }
    }
    return Optional.empty();
  }

  private static List<PrinterColumn> columns(List<CustomResourceColumnDefinition> definitions) {
    if (definitions == null) {
      return List.of();
    }
    return definitions.stream()
        .map(
            d ->
                new PrinterColumn(
                    d.getName(),
                    d.getType(),
                    d.getFormat(),
                    d.getDescription() != null
                        ? d.getDescription()
                        : "Custom resource definition column (in JSONPath format): "
                            + d.getJsonPath(),
                    d.getPriority() == null ? 0 : d.getPriority(),
                    d.getJsonPath()))
        .toList();
  }

  private static ResourceType resourceType(
      CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    var names = crd.getSpec().getNames();
    String singular =
        names.getSingular() != null ? names.getSingular() : names.getKind().toLowerCase();
    boolean status =
        version.getSubresources() != null && version.getSubresources().getStatus() != null;
    return new ResourceType(
        crd.getSpec().getGroup(),
        version.getName(),
        names.getPlural(),
        singular,
        names.getKind(),
        "Namespaced".equals(crd.getSpec().getScope()),
        names.getShortNames() == null ? List.of() : names.getShortNames(),
        status);
  }
}
