package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code involvedObject.name=x,type!=Normal}) evaluated on objects. The mock
 * understands only {@code metadata.name} and {@code metadata.namespace} and ignores the rest, so
 * {@code kubectl describe} would list every Event of the namespace for every object.
 */
final class FieldSelector {

  private record Requirement(SimpleJsonPath path, String value, boolean equal) {}

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  static FieldSelector parse(String selector) {
    List<Requirement> requirements = new ArrayList<>();
    if (selector != null) {
      for (String term : selector.split(",")) {
        String text = term.trim();
        if (text.isEmpty()) {
          continue;
        }
        boolean equal = !text.contains("!=");
        String[] parts = text.split(equal ? "==?" : "!=", 2);
        if (parts.length == 2) {
          requirements.add(
              new Requirement(SimpleJsonPath.parse("." + parts[0].trim()), parts[1].trim(), equal));
        }
      }
    }
    return new FieldSelector(requirements);
  }

  boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** A missing field reads as the empty string, as the API server's field sets do. */
  boolean matches(JsonNode object) {
    for (Requirement requirement : requirements) {
      String actual = requirement.path().first(object).map(JsonNode::asText).orElse("");
      if (actual.equals(requirement.value()) != requirement.equal()) {
        return false;
      }
    }
    return true;
  }
}
