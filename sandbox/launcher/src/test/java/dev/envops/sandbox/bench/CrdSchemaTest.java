package dev.envops.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.envops.sandbox.bench.CrdSchema.Admission;
import dev.envops.sandbox.bench.CrdSchema.SchemaViolation;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArray;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBool;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The structural-schema admission the bad-input benchmark puts in front of the in-memory API. */
class CrdSchemaTest {

  private static final String REPOSITORY =
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/bookings-api";

  private static CrdSchema environments;

  @BeforeAll
  static void loadTheCheckedInCrd() throws IOException {
    try (InputStream in =
        CrdSchemaTest.class.getResourceAsStream("/envops/crds/environments.envops.dev-v1.yml")) {
      environments = CrdSchema.load(in, "v1alpha1");
    }
  }

  /** Each keyword on a small hand-written schema. */
  @Nested
  class Keywords {

    private final CrdSchema schema =
        new CrdSchema(
            object(
                Map.of(
                    "spec",
                    object(
                        props(
                            "name", string().withPattern("^[a-z]+$").withMaxLength(5L).build(),
                            "port", integer().withMinimum(1.0).withMaximum(10.0).build(),
                            "size",
                                string()
                                    .withEnum(
                                        Serialization.jsonMapper().valueToTree("s"),
                                        Serialization.jsonMapper().valueToTree("m"))
                                    .withDefault(Serialization.jsonMapper().valueToTree("s"))
                                    .build(),
                            "tags",
                                new JSONSchemaPropsBuilder()
                                    .withType("object")
                                    .withMaxProperties(2L)
                                    .withAdditionalProperties(
                                        new JSONSchemaPropsOrBool(true, string().build()))
                                    .build(),
                            "list",
                                new JSONSchemaPropsBuilder()
                                    .withType("array")
                                    .withMaxItems(2L)
                                    .withItems(
                                        new JSONSchemaPropsOrArray(
                                            List.of(),
                                            object(props("id", integer().build()), "id")))
                                    .build(),
                            "flag", new JSONSchemaPropsBuilder().withType("boolean").build()),
                        "name"))));

    @Test
    void validObjectIsStoredWithDefaults() {
      Admission a = schema.admit(root(Map.of("name", "abc", "port", 3)));

      assertThat(a.rejected()).isFalse();
      assertThat(spec(a)).containsEntry("name", "abc").containsEntry("size", "s");
    }

    @Test
    void wrongTypeNamesTheFieldAndBothTypes() {
      assertThat(violations(Map.of("name", "abc", "port", "three")))
          .containsExactly(new SchemaViolation("spec.port", "must be of type integer, got string"));
      assertThat(violations(Map.of("name", "abc", "flag", "yes")))
          .containsExactly(new SchemaViolation("spec.flag", "must be of type boolean, got string"));
      assertThat(violations(Map.of("name", "abc", "tags", List.of("a"))))
          .containsExactly(new SchemaViolation("spec.tags", "must be of type object, got array"));
    }

    @Test
    void integralFloatCountsAsAnInteger() {
      assertThat(violations(Map.of("name", "abc", "port", 2.0))).isEmpty();
      assertThat(violations(Map.of("name", "abc", "port", 2.5)))
          .extracting(SchemaViolation::problem)
          .containsExactly("must be of type integer, got number");
    }

    @Test
    void missingRequiredFieldIsNamed() {
      assertThat(violations(Map.of("port", 3)))
          .containsExactly(new SchemaViolation("spec.name", "Required value"));
    }

    @Test
    void patternMaxLengthMinimumMaximumAndEnum() {
      assertThat(violations(Map.of("name", "ABC")))
          .extracting(SchemaViolation::field)
          .containsExactly("spec.name");
      assertThat(violations(Map.of("name", "abcdef")))
          .containsExactly(new SchemaViolation("spec.name", "may not be longer than 5 (got 6)"));
      assertThat(violations(Map.of("name", "abc", "port", 0)))
          .containsExactly(
              new SchemaViolation("spec.port", "should be greater than or equal to 1 (got 0)"));
      assertThat(violations(Map.of("name", "abc", "port", 11)))
          .containsExactly(
              new SchemaViolation("spec.port", "should be less than or equal to 10 (got 11)"));
      assertThat(violations(Map.of("name", "abc", "size", "xl")))
          .containsExactly(
              new SchemaViolation(
                  "spec.size", "Unsupported value: supported values: \"s\", \"m\""));
    }

    @Test
    void maxLengthCountsCharactersNotBytes() {
      assertThat(
              new CrdSchema(object(props("s", string().withMaxLength(2L).build())))
                  .admit(Map.of("s", "éé"))
                  .rejected())
          .isFalse();
    }

    @Test
    void mapValuesAndArrayItemsAreCheckedWithTheirPath() {
      assertThat(violations(Map.of("name", "abc", "tags", Map.of("a", 1))))
          .containsExactly(
              new SchemaViolation("spec.tags.a", "must be of type string, got integer"));
      assertThat(violations(Map.of("name", "abc", "list", List.of(Map.of("id", 1), Map.of()))))
          .containsExactly(new SchemaViolation("spec.list[1].id", "Required value"));
    }

    @Test
    void maxItemsAndMaxProperties() {
      assertThat(violations(Map.of("name", "abc", "tags", Map.of("a", "1", "b", "2", "c", "3"))))
          .containsExactly(
              new SchemaViolation("spec.tags", "must have at most 2 properties (got 3)"));
      List<Object> three = List.of(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3));
      assertThat(violations(Map.of("name", "abc", "list", three)))
          .containsExactly(new SchemaViolation("spec.list", "must have at most 2 items (got 3)"));
    }

    @Test
    void unknownFieldsAndNullsArePrunedNotRejected() {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("name", "abc");
      spec.put("replicas", 3);
      spec.put("port", null);
      Admission a = schema.admit(root(spec));

      assertThat(a.rejected()).isFalse();
      assertThat(spec(a)).doesNotContainKeys("replicas", "port");
    }

    @Test
    void nullRequiredFieldIsPrunedThenMissing() {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("name", null);
      assertThat(violations(spec))
          .containsExactly(new SchemaViolation("spec.name", "Required value"));
    }

    @Test
    void metadataIsLeftToTheApiServer() {
      Map<String, Object> object = root(Map.of("name", "abc"));
      object.put("metadata", Map.of("name", "x", "labels", Map.of("a", "b")));

      assertThat(schema.admit(object).object()).containsEntry("metadata", object.get("metadata"));
    }

    @Test
    void celRulesAreRefusedRatherThanIgnored() {
      JSONSchemaProps withRule = object(props("a", string().build()));
      withRule.setXKubernetesValidations(
          List.of(new ValidationRuleBuilder().withRule("self.a != ''").build()));

      assertThatThrownBy(() -> new CrdSchema(object(Map.of("spec", withRule))))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("spec");
    }

    private List<SchemaViolation> violations(Map<String, Object> spec) {
      return schema.admit(root(spec)).violations();
    }
  }

  /** The checked-in Environment CRD. */
  @Nested
  class EnvironmentCrd {

    @Test
    void validEnvironmentIsStoredWithTheCrdDefaults() {
      Admission a = environments.admit(environment(lightsail()));

      assertThat(a.violations()).isEmpty();
      assertThat(BadSpecs.get(a.object(), "spec.lightsail.power")).isEqualTo("nano");
      assertThat(BadSpecs.get(a.object(), "spec.lightsail.deletionPolicy")).isEqualTo("Retain");
    }

    @Test
    void wrongTypedPortIsRejectedWithItsPath() {
      Map<String, Object> ls = lightsail();
      ls.put("containerPort", "eighty");

      assertThat(environments.admit(environment(ls)).violations())
          .containsExactly(
              new SchemaViolation(
                  "spec.lightsail.containerPort", "must be of type integer, got string"));
    }

    @Test
    void serviceNamePatternAndPowerEnumComeFromTheCrd() {
      Map<String, Object> ls = lightsail();
      ls.put("serviceName", "Bookings_Service");
      ls.put("power", "huge");

      assertThat(environments.admit(environment(ls)).violations())
          .extracting(SchemaViolation::field)
          .containsExactlyInAnyOrder("spec.lightsail.serviceName", "spec.lightsail.power");
    }

    @Test
    void missingSpecIsNotTheSchemasBusiness() {
      Map<String, Object> object = environment(lightsail());
      object.remove("spec");

      assertThat(environments.admit(object).rejected()).isFalse();
    }

    @Test
    void theShippedExamplesAreAdmitted() throws IOException {
      for (String example : List.of("bookings-qa.yaml", "bookings-prod.yaml")) {
        try (InputStream in =
            CrdSchemaTest.class.getResourceAsStream("/envops/crds/examples/" + example)) {
          Map<String, Object> object =
              Serialization.unmarshal(in, new TypeReference<Map<String, Object>>() {});

          assertThat(environments.admit(object).violations()).as(example).isEmpty();
        }
      }
    }

    @Test
    void everyCorpusItemTheSchemaRejectsIsRejectedForItsOwnField() {
      List<String> wrongField = new ArrayList<>();
      for (BadSpec item : BadSpecs.corpus(REPOSITORY, "svc-0000", "bad")) {
        Admission a = environments.admit(item.object());
        if (a.rejected()
            && a.violations().stream().noneMatch(v -> v.field().equals(item.field()))) {
          wrongField.add(item.name() + " " + item.what() + ": " + a.violations());
        }
      }
      assertThat(wrongField).isEmpty();
    }

    private static Map<String, Object> lightsail() {
      Map<String, Object> ls = new LinkedHashMap<>();
      ls.put("region", "us-east-1");
      ls.put("serviceName", "bookings");
      ls.put("containerName", "app");
      ls.put("containerPort", 8080);
      return ls;
    }

    private static Map<String, Object> environment(Map<String, Object> lightsail) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("image", Map.of("repository", REPOSITORY, "tag", "v1"));
      spec.put("lightsail", lightsail);
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("apiVersion", "envops.dev/v1alpha1");
      object.put("kind", "Environment");
      object.put("metadata", Map.of("name", "qa"));
      object.put("spec", spec);
      return object;
    }
  }

  private static JSONSchemaPropsBuilder string() {
    return new JSONSchemaPropsBuilder().withType("string");
  }

  private static JSONSchemaPropsBuilder integer() {
    return new JSONSchemaPropsBuilder().withType("integer");
  }

  private static Map<String, JSONSchemaProps> props(Object... pairs) {
    Map<String, JSONSchemaProps> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (JSONSchemaProps) pairs[i + 1]);
    }
    return map;
  }

  private static JSONSchemaProps object(
      Map<String, JSONSchemaProps> properties, String... required) {
    return new JSONSchemaPropsBuilder()
        .withType("object")
        .withProperties(properties)
        .withRequired(required)
        .build();
  }

  private static Map<String, Object> root(Map<String, Object> spec) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("spec", new LinkedHashMap<>(spec));
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Admission a) {
    return (Map<String, Object>) a.object().get("spec");
  }
}
