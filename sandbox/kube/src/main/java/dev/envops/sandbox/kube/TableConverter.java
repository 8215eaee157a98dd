package dev.envops.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code meta.k8s.io/v1 Table} kubectl asks for, from an object or a list, with a Name
 * column followed by the given printer columns (cell rules of the API server's CRD convertor).
 */
final class TableConverter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String NAME_DESCRIPTION =
      "Name must be unique within a namespace. Is required when creating resources, although some"
          + " resources may allow a client to request the generation of an appropriate name"
          + " automatically. Name is primarily intended for creation idempotence and configuration"
          + " definition. Cannot be updated.";

  private final List<PrinterColumn> columns;
  private final List<SimpleJsonPath> paths = new ArrayList<>();
  private final Clock clock;

  TableConverter(List<PrinterColumn> columns, Clock clock) {
    this.columns = columns.isEmpty() ? List.of(PrinterColumn.age()) : columns;
    this.clock = clock;
    for (PrinterColumn column : this.columns) {
      paths.add(SimpleJsonPath.parse(column.jsonPath()));
    }
  }

  /**
   * Converts a single object or a list ({@code items}) into a Table.
   *
   * @param includeObject {@code Object}, {@code None} or (default) {@code Metadata}
   */
  ObjectNode convert(JsonNode objectOrList, String includeObject, boolean noHeaders) {
    ObjectNode table = NODES.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    String resourceVersion = objectOrList.path("metadata").path("resourceVersion").asText("");
    if (!resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    if (!noHeaders) {
      definitions.add(definition("Name", "string", "name", NAME_DESCRIPTION, 0));
      for (PrinterColumn column : columns) {
        definitions.add(
            definition(
                column.name(),
                column.type(),
                column.format(),
                column.description(),
                column.priority()));
      }
    }
    ArrayNode rows = table.putArray("rows");
    if (objectOrList.has("items")) {
      objectOrList.get("items").forEach(item -> rows.add(row(item, includeObject)));
    } else {
      rows.add(row(objectOrList, includeObject));
    }
    return table;
  }

  private static ObjectNode definition(
      String name, String type, String format, String description, int priority) {
    ObjectNode definition = NODES.objectNode();
    definition.put("name", name);
    definition.put("type", type);
    definition.put("format", format == null ? "" : format);
    definition.put("description", description == null ? "" : description);
    definition.put("priority", priority);
    return definition;
  }

  private ObjectNode row(JsonNode object, String includeObject) {
    ObjectNode row = NODES.objectNode();
    ArrayNode cells = row.putArray("cells");
    cells.add(object.path("metadata").path("name").asText(""));
    for (int i = 0; i < columns.size(); i++) {
      cells.add(cell(columns.get(i).type(), paths.get(i).first(object).orElse(null)));
    }
    if ("Object".equalsIgnoreCase(includeObject)) {
      row.set("object", object.deepCopy());
    } else if (!"None".equalsIgnoreCase(includeObject)) {
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata");
      partial.put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return row;
  }

  private JsonNode cell(String type, JsonNode value) {
    if (value == null) {
      return NODES.nullNode();
    }
    switch (type) {
      case "string":
        return NODES.textNode(value.isTextual() ? value.asText() : value.toString());
      case "integer":
        return value.isNumber() ? NODES.numberNode(value.asLong()) : NODES.nullNode();
      case "number":
        return value.isNumber() ? NODES.numberNode(value.asDouble()) : NODES.nullNode();
      case "boolean":
        return value.isBoolean() ? value : NODES.nullNode();
      case "date":
        return value.isTextual() ? NODES.textNode(age(value.asText())) : NODES.nullNode();
      default:
        return NODES.nullNode();
    }
  }

  private String age(String timestamp) {
    try {
      return HumanDuration.format(Duration.between(Instant.parse(timestamp), clock.instant()));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }
}
