package dev.envops.sandbox.kube;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes REST resource path split into group, version, namespace, plural, name, subresource.
 */
record ApiPath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource) {

  /** Parses {@code /api/v1/...} and {@code /apis/{group}/{version}/...}; empty for other paths. */
  static Optional<ApiPath> parse(String path) {
    List<String> segments =
        Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    int rest;
    String group;
    String version;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      group = "";
      version = segments.get(1);
      rest = 2;
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      version = segments.get(2);
      rest = 3;
    } else {
      return Optional.empty();
    }
    List<String> tail = segments.subList(rest, segments.size());
    boolean namespaceSubresource =
        tail.size() == 3
            && group.isEmpty()
            && (tail.get(2).equals("status") || tail.get(2).equals("finalize"));
    if (tail.size() >= 3 && tail.get(0).equals("namespaces") && !namespaceSubresource) {
      return Optional.of(
          new ApiPath(group, version, tail.get(1), tail.get(2), at(tail, 3), at(tail, 4)));
    }
    return Optional.of(new ApiPath(group, version, null, tail.get(0), at(tail, 1), at(tail, 2)));
  }

  private static String at(List<String> tail, int index) {
    return index < tail.size() ? tail.get(index) : null;
  }

  boolean isCollection() {
    return name == null;
  }

  boolean hasSubresource() {
    return subresource != null;
  }

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The path of the collection this path belongs to (used to create on server-side apply). */
  String collectionPath() {
    StringBuilder path = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
    path.append(version);
    if (namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    return path.append('/').append(plural).toString();
  }
}
