package dev.envops.sandbox.kube;

import java.util.List;

/** One kind the sandbox serves, as discovery describes it. */
record ResourceType(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    boolean statusSubresource) {

  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
