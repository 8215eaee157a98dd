package dev.envops.sandbox.kube;

import java.util.List;

/** The built-in kinds the sandbox advertises: what the operator and its install manifests use. */
final class BuiltinResources {

  static final List<ResourceType> ALL =
      List.of(
          core("namespaces", "namespace", "Namespace", false, List.of("ns"), true),
          core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), false),
          core("secrets", "secret", "Secret", true, List.of(), false),
          core("events", "event", "Event", true, List.of("ev"), false),
          core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), false),
          core("services", "service", "Service", true, List.of("svc"), true),
          core("pods", "pod", "Pod", true, List.of("po"), true),
          of("apps", "deployments", "deployment", "Deployment", true, List.of("deploy"), true),
          of("coordination.k8s.io", "leases", "lease", "Lease", true, List.of(), false),
          of("events.k8s.io", "events", "event", "Event", true, List.of("ev"), false),
          of("rbac.authorization.k8s.io", "roles", "role", "Role", true, List.of(), false),
          of(
              "rbac.authorization.k8s.io",
              "rolebindings",
              "rolebinding",
              "RoleBinding",
              true,
              List.of(),
              false),
          of(
              "rbac.authorization.k8s.io",
              "clusterroles",
              "clusterrole",
              "ClusterRole",
              false,
              List.of(),
              false),
          of(
              "rbac.authorization.k8s.io",
              "clusterrolebindings",
              "clusterrolebinding",
              "ClusterRoleBinding",
              false,
              List.of(),
              false),
          of(
              "apiextensions.k8s.io",
              "customresourcedefinitions",
              "customresourcedefinition",
              "CustomResourceDefinition",
              false,
              List.of("crd", "crds"),
              true));

  /** Server-side columns kubectl shows for Events (the ones the operator records). */
  private static final List<PrinterColumn> EVENT_COLUMNS =
      List.of(
          new PrinterColumn(
              "Last Seen", "date", "", "Time of the last occurrence", 0, ".lastTimestamp"),
          new PrinterColumn("Type", "string", "", "Normal or Warning", 0, ".type"),
          new PrinterColumn("Reason", "string", "", "Why it happened", 0, ".reason"),
          new PrinterColumn(
              "Object", "string", "", "The object it is about", 0, ".involvedObject.name"),
          new PrinterColumn("Message", "string", "", "What happened", 0, ".message"));

  private BuiltinResources() {}

  /** The printer columns of a built-in kind (empty: Name and Age). */
  static List<PrinterColumn> columns(String group, String plural) {
    return group.isEmpty() && plural.equals("events") ? EVENT_COLUMNS : List.of();
  }

  private static ResourceType core(
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      boolean status) {
    return new ResourceType("", "v1", plural, singular, kind, namespaced, shortNames, status);
  }

  private static ResourceType of(
      String group,
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      boolean status) {
    return new ResourceType(group, "v1", plural, singular, kind, namespaced, shortNames, status);
  }
}
