package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableConverterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-01-01T00:10:00Z"), ZoneOffset.UTC);

  private static final List<PrinterColumn> COLUMNS =
      List.of(
          new PrinterColumn("Phase", "string", "", null, 0, ".status.phase"),
          new PrinterColumn("Replicas", "integer", "", null, 0, ".spec.replicas"),
          new PrinterColumn(
              "Ready", "string", "", null, 1, ".status.conditions[?(@.type==\"Ready\")].status"),
          new PrinterColumn("Age", "date", "", null, 0, ".metadata.creationTimestamp"));

  private static JsonNode widget(String name, String phase) throws Exception {
    return JSON.readTree(
        """
        {"apiVersion":"test.envops.dev/v1alpha1","kind":"Widget",
         "metadata":{"name":"%s","namespace":"default","resourceVersion":"7",
                     "creationTimestamp":"2026-01-01T00:06:40Z"},
         "spec":{"replicas":3},
         "status":{"phase":"%s","conditions":[{"type":"Deployed","status":"True"},
                                             {"type":"Ready","status":"False"}]}}
        """
            .formatted(name, phase));
  }

  @Test
  void listBecomesOneRowPerItemWithNameFirstAndTypedCells() throws Exception {
    JsonNode list =
        JSON.createObjectNode()
            .set(
                "items",
                JSON.createArrayNode().add(widget("a", "Ready")).add(widget("b", "Deploying")));

    JsonNode table = new TableConverter(COLUMNS, NOW).convert(list, null, false);

    assertThat(table.get("kind").asText()).isEqualTo("Table");
    assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.get("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Phase", "Replicas", "Ready", "Age");
    assertThat(table.get("columnDefinitions").get(3).get("priority").asInt()).isEqualTo(1);
    assertThat(table.get("rows")).hasSize(2);
    assertThat(table.get("rows").get(1).get("cells").toString())
        .isEqualTo("[\"b\",\"Deploying\",3,\"False\",\"3m20s\"]");
    assertThat(table.get("rows").get(0).get("object").get("kind").asText())
        .isEqualTo("PartialObjectMetadata");
  }

  @Test
  void missingValuesAreNullCellsAndDefaultColumnIsAge() throws Exception {
    JsonNode object = JSON.readTree("{\"metadata\":{\"name\":\"bare\"}}");

    JsonNode withColumns = new TableConverter(COLUMNS, NOW).convert(object, "Object", false);
    JsonNode defaults = new TableConverter(List.of(), NOW).convert(object, "None", false);

    assertThat(withColumns.get("rows").get(0).get("cells").toString())
        .isEqualTo("[\"bare\",null,null,null,null]");
    assertThat(withColumns.get("rows").get(0).get("object").get("metadata").get("name").asText())
        .isEqualTo("bare");
    assertThat(defaults.get("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Age");
    assertThat(defaults.get("rows").get(0).has("object")).isFalse();
  }
}
