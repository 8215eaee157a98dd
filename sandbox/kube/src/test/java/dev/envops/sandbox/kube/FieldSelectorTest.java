package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

  private static final JsonNode EVENT =
      read(
          "{\"metadata\":{\"name\":\"e1\",\"namespace\":\"envops\"},\"type\":\"Warning\","
              + "\"involvedObject\":{\"kind\":\"Environment\",\"name\":\"bookings-qa\",\"uid\":\"u1\"}}");

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void matchesEqualityAndInequalityOnNestedFields() {
    assertThat(
            FieldSelector.parse("involvedObject.name=bookings-qa,involvedObject.uid=u1")
                .matches(EVENT))
        .isTrue();
    assertThat(FieldSelector.parse("involvedObject.name==bookings-prod").matches(EVENT)).isFalse();
    assertThat(FieldSelector.parse("type!=Normal,metadata.namespace=envops").matches(EVENT))
        .isTrue();
    assertThat(FieldSelector.parse("type!=Warning").matches(EVENT)).isFalse();
  }

  @Test
  void missingFieldsReadAsEmptyAndNoSelectorMatchesEverything() {
    assertThat(FieldSelector.parse("involvedObject.fieldPath=").matches(EVENT)).isTrue();
    assertThat(FieldSelector.parse("involvedObject.fieldPath=x").matches(EVENT)).isFalse();
    assertThat(FieldSelector.parse(null).isEmpty()).isTrue();
    assertThat(FieldSelector.parse(null).matches(EVENT)).isTrue();
  }
}
