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

  private BuiltinResources() {}

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
