package dev.envops.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CRD's structural schema applied the way kube-apiserver admits a custom resource (the in-memory
 * API stores anything): unknown fields and non-nullable nulls are pruned, defaults are set, then
 * type, required, enum, minimum/maximum, pattern, length, item and property counts are checked.
 */
final class CrdSchema {

  /** Handled by the API server itself, never pruned by the schema. */
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final JSONSchemaProps root;

  CrdSchema(JSONSchemaProps root) {
    rejectCelRules(root, "");
    this.root = root;
  }

  /** The openAPIV3Schema of {@code version} in a CRD manifest (YAML or JSON). */
  static CrdSchema load(InputStream crd, String version) throws IOException {
    CustomResourceDefinition definition =
        Serialization.unmarshal(crd, CustomResourceDefinition.class);
    return new CrdSchema(
        definition.getSpec().getVersions().stream()
            .filter(v -> v.getName().equals(version))
            .map(CustomResourceDefinitionVersion::getSchema)
            .findFirst()
            .orElseThrow(() -> new IOException("the CRD has no version " + version))
            .getOpenAPIV3Schema());
  }

  /** What the API server would store for {@code object}, or why it would refuse it. */
  Admission admit(Map<String, Object> object) {
    List<SchemaViolation> violations = new ArrayList<>();
    Object admitted = admit(object, root, "", violations);
    @SuppressWarnings("unchecked")
    Map<String, Object> stored = admitted instanceof Map ? (Map<String, Object>) admitted : null;
    return new Admission(stored, List.copyOf(violations));
  }

  private Object admit(Object value, JSONSchemaProps s, String path, List<SchemaViolation> out) {
    if (value == null) {
      if (!Boolean.TRUE.equals(s.getNullable())) {
        out.add(new SchemaViolation(path, "must not be null"));
      }
      return null;
    }
    if (Boolean.TRUE.equals(s.getXKubernetesIntOrString())) {
      if (!(isInteger(value) || value instanceof String)) {
        out.add(new SchemaViolation(path, "must be an integer or a string, got " + typeOf(value)));
      }
      return value;
    }
    String type = s.getType();
    if (type != null && !hasType(value, type)) {
      out.add(new SchemaViolation(path, "must be of type " + type + ", got " + typeOf(value)));
      return value;
    }
    checkEnum(value, s, path, out);
    if (value instanceof Map<?, ?> map) {
      return object(map, s, path, out);
    }
    if (value instanceof List<?> list) {
      return array(list, s, path, out);
    }
    if (value instanceof String text) {
      string(text, s, path, out);
    } else if (value instanceof Number number) {
      number(number, s, path, out);
    }
    return value;
  }

  private Map<String, Object> object(
      Map<?, ?> map, JSONSchemaProps s, String path, List<SchemaViolation> out) {
    Map<String, JSONSchemaProps> properties =
        s.getProperties() == null ? Map.of() : s.getProperties();
    JSONSchemaProps additional =
        s.getAdditionalProperties() == null ? null : s.getAdditionalProperties().getSchema();
    boolean keepUnknown =
        Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields())
            || (s.getAdditionalProperties() != null
                && Boolean.TRUE.equals(s.getAdditionalProperties().getAllows())
                && additional == null);
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      if (path.isEmpty() && ROOT_FIELDS.contains(key)) {
        result.put(key, value);
        continue;
      }
      JSONSchemaProps child = properties.containsKey(key) ? properties.get(key) : additional;
      if (child == null) {
        if (keepUnknown) {
          result.put(key, value);
        }
        continue; // pruned, as the API server prunes fields the schema does not declare
      }
      if (value == null && !Boolean.TRUE.equals(child.getNullable())) {
        if (child.getDefault() != null) {
          result.put(key, fromJson(child.getDefault()));
        }
        continue; // a null without nullable: true is pruned before validation
      }
      result.put(key, admit(value, child, child(path, key), out));
    }
    properties.forEach(
        (key, child) -> {
          if (!result.containsKey(key) && child.getDefault() != null) {
            result.put(key, fromJson(child.getDefault()));
          }
        });
    if (s.getRequired() != null) {
      for (String required : s.getRequired()) {
        if (!result.containsKey(required)) {
          out.add(new SchemaViolation(child(path, required), "Required value"));
        }
      }
    }
    bound(result.size(), s.getMinProperties(), s.getMaxProperties(), "properties", path, out);
    return result;
  }

  private List<Object> array(
      List<?> list, JSONSchemaProps s, String path, List<SchemaViolation> out) {
    JSONSchemaProps items = s.getItems() == null ? null : s.getItems().getSchema();
    List<Object> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String item = path + "[" + i + "]";
      result.add(items == null ? list.get(i) : admit(list.get(i), items, item, out));
    }
    bound(list.size(), s.getMinItems(), s.getMaxItems(), "items", path, out);
    return result;
  }

  private static void string(
      String text, JSONSchemaProps s, String path, List<SchemaViolation> out) {
    // The API server counts characters (runes), not bytes or UTF-16 units.
    int length = text.codePointCount(0, text.length());
    if (s.getMaxLength() != null && length > s.getMaxLength()) {
      out.add(
          new SchemaViolation(
              path, "may not be longer than " + s.getMaxLength() + " (got " + length + ")"));
    }
    if (s.getMinLength() != null && length < s.getMinLength()) {
      out.add(new SchemaViolation(path, "should be at least " + s.getMinLength() + " chars long"));
    }
    if (s.getPattern() != null && !Pattern.compile(s.getPattern()).matcher(text).find()) {
      out.add(new SchemaViolation(path, "should match '" + s.getPattern() + "'"));
    }
  }

  private static void number(
      Number number, JSONSchemaProps s, String path, List<SchemaViolation> out) {
    double value = number.doubleValue();
    if (s.getMinimum() != null) {
      boolean exclusive = Boolean.TRUE.equals(s.getExclusiveMinimum());
      if (exclusive ? value <= s.getMinimum() : value < s.getMinimum()) {
        out.add(
            new SchemaViolation(
                path,
                "should be greater than "
                    + (exclusive ? "" : "or equal to ")
                    + plain(s.getMinimum())
                    + " (got "
                    + number
                    + ")"));
      }
    }
    if (s.getMaximum() != null) {
      boolean exclusive = Boolean.TRUE.equals(s.getExclusiveMaximum());
      if (exclusive ? value >= s.getMaximum() : value > s.getMaximum()) {
        out.add(
            new SchemaViolation(
                path,
                "should be less than "
                    + (exclusive ? "" : "or equal to ")
                    + plain(s.getMaximum())
                    + " (got "
                    + number
                    + ")"));
      }
    }
  }

  private static void checkEnum(
      Object value, JSONSchemaProps s, String path, List<SchemaViolation> out) {
    if (s.getEnum() == null || s.getEnum().isEmpty()) {
      return;
    }
    JsonNode actual = JSON.valueToTree(value);
    if (s.getEnum().stream().noneMatch(actual::equals)) {
      out.add(
          new SchemaViolation(
              path,
              "Unsupported value: supported values: "
                  + String.join(", ", s.getEnum().stream().map(JsonNode::toString).toList())));
    }
  }

  private static void bound(
      int size, Long min, Long max, String what, String path, List<SchemaViolation> out) {
    if (max != null && size > max) {
      out.add(
          new SchemaViolation(
              path, "must have at most " + max + " " + what + " (got " + size + ")"));
    }
    if (min != null && size < min) {
      out.add(new SchemaViolation(path, "must have at least " + min + " " + what));
    }
  }

  private static boolean hasType(Object value, String type) {
    return switch (type) {
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "integer" -> isInteger(value);
      case "number" -> value instanceof Number;
      default -> throw new IllegalArgumentException("unknown schema type " + type);
    };
  }

  /** JSON integers, and floats with no fraction (the API server decodes 2.0 as an integer). */
  private static boolean isInteger(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof BigInteger
        || (value instanceof Double d && d == Math.rint(d) && !d.isInfinite());
  }

  private static String typeOf(Object value) {
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return isInteger(value) ? "integer" : value instanceof Number ? "number" : "unknown";
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Object fromJson(JsonNode node) {
    return JSON.convertValue(node, Object.class);
  }

  /** CEL rules are not evaluated here: a schema that has some must not pass for validated. */
  private static void rejectCelRules(JSONSchemaProps s, String path) {
    if (s == null) {
      return;
    }
    if (s.getXKubernetesValidations() != null && !s.getXKubernetesValidations().isEmpty()) {
      throw new UnsupportedOperationException(
          "x-kubernetes-validations at "
              + (path.isEmpty() ? "the root" : path)
              + " (CEL) is not supported");
    }
    if (s.getProperties() != null) {
      s.getProperties().forEach((k, v) -> rejectCelRules(v, child(path, k)));
    }
    if (s.getItems() != null) {
      rejectCelRules(s.getItems().getSchema(), path + "[]");
    }
    if (s.getAdditionalProperties() != null) {
      rejectCelRules(s.getAdditionalProperties().getSchema(), path + ".*");
    }
  }

  /** One reason the API server would refuse the object: the field and what is wrong with it. */
  record SchemaViolation(String field, String problem) {
    @Override
    public String toString() {
      return field + " " + problem;
    }
  }

  /** The object as it would be stored (pruned, defaulted) and the violations; stored if none. */
  record Admission(Map<String, Object> object, List<SchemaViolation> violations) {
    boolean rejected() {
      return !violations.isEmpty();
    }
  }
}
