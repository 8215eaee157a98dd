package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Sets what the API server would on a new CRD (names accepted, Established) so that {@code kubectl
 * wait --for=condition=Established crd/...} works in the sandbox as on a cluster.
 */
final class CrdStatus {

  private final KubernetesClient client;
  private final Clock clock;

  CrdStatus(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void markEstablished(JsonNode name) {
    if (name.isTextual()) {
      markEstablished(name.asText());
    }
  }

  void markEstablished(String name) {
    var resource = client.apiextensions().v1().customResourceDefinitions().withName(name);
    var crd = resource.get();
    if (crd == null || isEstablished(crd.getStatus())) {
      return;
    }
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    List<String> stored =
        crd.getSpec().getVersions().stream()
            .filter(version -> Boolean.TRUE.equals(version.getStorage()))
            .map(CustomResourceDefinitionVersion::getName)
            .toList();
    crd.setStatus(
        new CustomResourceDefinitionStatusBuilder()
            .withAcceptedNames(crd.getSpec().getNames())
            .withStoredVersions(stored)
            .withConditions(condition("NamesAccepted", now), condition("Established", now))
            .build());
    resource.updateStatus(crd);
  }

  private static boolean isEstablished(
      io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus status) {
    return status != null
        && status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }

  private static CustomResourceDefinitionCondition condition(String type, String now) {
    return new CustomResourceDefinitionConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(type.equals("Established") ? "InitialNamesAccepted" : "NoConflicts")
        .withMessage(
            type.equals("Established")
                ? "the initial names have been accepted"
                : "no conflicts found")
        .withLastTransitionTime(now)
        .build();
  }
}
