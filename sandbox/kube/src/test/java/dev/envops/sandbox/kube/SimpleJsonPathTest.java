package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SimpleJsonPathTest {

  private static final JsonNode OBJECT =
      read(
          "{\"status\":{\"history\":[{\"image\":\"a\"},{\"image\":\"b\"}],"
              + "\"conditions\":[{\"type\":\"Deployed\",\"status\":\"True\"},"
              + "{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"Waiting\"}]},"
              + "\"metadata\":{\"labels\":{\"app.kubernetes.io/name\":\"x\"}}}");

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String eval(String path) {
    return SimpleJsonPath.parse(path).first(OBJECT).map(JsonNode::asText).orElse(null);
  }

  @Test
  void evaluatesFieldsIndexesWildcardsAndFilters() {
    assertThat(eval(".status.history[1].image")).isEqualTo("b");
    assertThat(eval(".status.history[*].image")).isEqualTo("a");
    assertThat(eval(".status.conditions[?(@.type==\"Ready\")].reason")).isEqualTo("Waiting");
    assertThat(eval(".status.conditions[?(@.type=='Deployed')].status")).isEqualTo("True");
    assertThat(eval(".metadata.labels['app.kubernetes.io/name']")).isEqualTo("x");
    assertThat(eval("{.status.history[0].image}")).isEqualTo("a");
  }

  @Test
  void missingKeysGiveNothingAndUnsupportedSyntaxIsRejected() {
    assertThat(eval(".status.nothing.here")).isNull();
    assertThat(eval(".status.history[5].image")).isNull();
    assertThatThrownBy(() -> SimpleJsonPath.parse("status.phase"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
