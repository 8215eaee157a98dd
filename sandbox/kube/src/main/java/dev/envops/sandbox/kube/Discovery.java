package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The discovery documents kubectl reads before anything else ({@code /version}, {@code /api},
 * {@code /api/v1}, {@code /apis}, {@code /apis/{group}[/{version}]}), built from the built-in kinds
 * and the stored CRDs.
 */
final class Discovery {

  static final String KUBERNETES_MINOR = "32";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final CrdCatalog crds;
  private final Supplier<String> serverAddress;

  Discovery(CrdCatalog crds, Supplier<String> serverAddress) {
    this.crds = crds;
    this.serverAddress = serverAddress;
  }

  /** The document for a discovery path, or empty when the path is not a discovery path. */
  Optional<ObjectNode> document(String path) {
    String trimmed =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (trimmed.equals("/version")) {
      return Optional.of(version());
    }
    if (trimmed.equals("/api")) {
      return Optional.of(apiVersions());
    }
    if (trimmed.equals("/apis")) {
      return Optional.of(groupList());
    }
    String[] segments = trimmed.split("/");
    if (segments.length == 3 && segments[1].equals("api")) {
      return resourceList("", segments[2]);
    }
    if (segments.length == 3 && segments[1].equals("apis")) {
      return group(segments[2]);
    }
    if (segments.length == 4 && segments[1].equals("apis")) {
      return resourceList(segments[2], segments[3]);
    }
    return Optional.empty();
  }

  /** The kind served at a group, version and plural, if any. */
  Optional<ResourceType> type(String group, String version, String plural) {
    return allTypes().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .filter(t -> t.plural().equals(plural))
        .findFirst();
  }

  private List<ResourceType> allTypes() {
    List<ResourceType> types = new ArrayList<>(BuiltinResources.ALL);
    types.addAll(crds.resourceTypes());
    return types;
  }

  private static ObjectNode version() {
    ObjectNode version = NODES.objectNode();
    version.put("major", "1");
    version.put("minor", KUBERNETES_MINOR);
    version.put("gitVersion", "v1." + KUBERNETES_MINOR + ".0-envops-sandbox");
    version.put("gitCommit", "0000000000000000000000000000000000000000");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2026-01-01T00:00:00Z");
    version.put("goVersion", "go1.23.0");
    version.put("compiler", "gc");
    version.put("platform", "linux/amd64");
    return version;
  }

  private ObjectNode apiVersions() {
    ObjectNode versions = NODES.objectNode();
    versions.put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress.get());
    return versions;
  }

  private ObjectNode groupList() {
    ObjectNode list = NODES.objectNode();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    groupVersions().forEach((group, versions) -> groups.add(groupNode(group, versions)));
    return list;
  }

  private Map<String, Set<String>> groupVersions() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (ResourceType type : allTypes()) {
      if (!type.group().isEmpty()) {
        groups.computeIfAbsent(type.group(), g -> new LinkedHashSet<>()).add(type.version());
      }
    }
    return groups;
  }

  private Optional<ObjectNode> group(String name) {
    Set<String> versions = groupVersions().get(name);
    if (versions == null) {
      return Optional.empty();
    }
    ObjectNode group = groupNode(name, versions);
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    return Optional.of(group);
  }

  private ObjectNode groupNode(String name, Set<String> versions) {
    ObjectNode group = NODES.objectNode();
    group.put("name", name);
    ArrayNode list = group.putArray("versions");
    for (String version : versions) {
      list.add(groupVersion(name, version));
    }
    String preferred = crds.preferredVersion(name).orElse(versions.iterator().next());
    group.set("preferredVersion", groupVersion(name, preferred));
    return group;
  }

  private static ObjectNode groupVersion(String group, String version) {
    ObjectNode node = NODES.objectNode();
    node.put("groupVersion", group + "/" + version);
    node.put("version", version);
    return node;
  }

  private Optional<ObjectNode> resourceList(String group, String version) {
    List<ResourceType> types =
        allTypes().stream()
            .filter(type -> type.group().equals(group) && type.version().equals(version))
            .toList();
    if (types.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list = NODES.objectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", types.get(0).groupVersion());
    ArrayNode resources = list.putArray("resources");
    for (ResourceType type : types) {
      ObjectNode resource = resources.addObject();
      resource.put("name", type.plural());
      resource.put("singularName", type.singular());
      resource.put("namespaced", type.namespaced());
      resource.put("kind", type.kind());
      ArrayNode verbs = resource.putArray("verbs");
      ResourceType.VERBS.forEach(verbs::add);
      if (!type.shortNames().isEmpty()) {
        ArrayNode shortNames = resource.putArray("shortNames");
        type.shortNames().forEach(shortNames::add);
      }
      if (type.statusSubresource()) {
        ObjectNode status = resources.addObject();
        status.put("name", type.plural() + "/status");
        status.put("singularName", "");
        status.put("namespaced", type.namespaced());
        status.put("kind", type.kind());
        status.putArray("verbs").add("get").add("patch").add("update");
      }
    }
    return Optional.of(list);
  }
}
