package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSONPath subset printer columns use: {@code .a.b}, {@code .a[0]}, {@code .a[*]} and {@code
 * .a[?(@.type=="Ready")].status}; evaluates to the first match, like the API server.
 */
final class SimpleJsonPath {

  private sealed interface Step permits Field, Index, Filter {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Filter(String field, String value) implements Step {}

  private final List<Step> steps;

  private SimpleJsonPath(List<Step> steps) {
    this.steps = steps;
  }

  static SimpleJsonPath parse(String expression) {
    String path = expression.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1);
    }
    if (path.startsWith("$")) {
      path = path.substring(1);
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end > i + 1) {
          steps.add(new Field(path.substring(i + 1, end)));
        }
        i = end;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed [ in JSONPath " + expression);
        }
        steps.add(bracket(path.substring(i + 1, end), expression));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unsupported JSONPath " + expression);
      }
    }
    return new SimpleJsonPath(steps);
  }

  private static Step bracket(String inside, String expression) {
    String text = inside.trim();
    if (text.equals("*")) {
      return new Index(-1);
    }
    if (text.startsWith("?(@.") && text.endsWith(")")) {
      String condition = text.substring(4, text.length() - 1);
      int equals = condition.indexOf("==");
      if (equals > 0) {
        String value = condition.substring(equals + 2).trim();
        return new Filter(condition.substring(0, equals).trim(), unquote(value));
      }
    }
    if (text.startsWith("'") || text.startsWith("\"")) {
      return new Field(unquote(text));
    }
    try {
      return new Index(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported JSONPath " + expression, e);
    }
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /** The first value the path selects, or empty when a key is missing. */
  Optional<JsonNode> first(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current.stream().filter(node -> !node.isMissingNode() && !node.isNull()).findFirst();
  }

  private static void apply(Step step, JsonNode node, List<JsonNode> out) {
    if (step instanceof Field field) {
      JsonNode child = node.path(field.name());
      if (!child.isMissingNode()) {
        out.add(child);
      }
    } else if (step instanceof Index index) {
      if (!node.isArray()) {
        return;
      }
      if (index.index() < 0) {
        node.forEach(out::add);
      } else if (index.index() < node.size()) {
        out.add(node.get(index.index()));
      }
    } else if (step instanceof Filter filter && node.isArray()) {
      for (JsonNode element : node) {
        JsonNode candidate = element.path(filter.field());
        if (candidate.isValueNode() && candidate.asText().equals(filter.value())) {
          out.add(element);
        }
      }
    }
  }
}
