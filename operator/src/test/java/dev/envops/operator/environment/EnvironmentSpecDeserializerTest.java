package dev.envops.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** Wrong types in a stored spec read as a MalformedSpec naming the field, never as a failure. */
class EnvironmentSpecDeserializerTest {

  private static final String LIGHTSAIL =
      "\"region\": \"us-east-1\", \"serviceName\": \"qa-service\", \"containerName\": \"qa\","
          + " \"deletionPolicy\": \"Delete\"";

  @Test
  void fittingSpecReadsAsAPlainSpec() {
    EnvironmentSpec spec = read(spec("\"containerPort\": 8080, \"power\": \"micro\""));

    assertThat(spec.getClass()).isEqualTo(EnvironmentSpec.class);
    assertThat(spec.getLightsail().getContainerPort()).isEqualTo(8080);
    assertThat(spec.getLightsail().powerOrDefault()).isEqualTo(Power.MICRO);
  }

  @Test
  void wrongTypedPortNamesTheFieldAndKeepsTheRestReadable() {
    EnvironmentSpec spec = read(spec("\"containerPort\": \"eighty\""));

    assertThat(spec).isInstanceOf(MalformedSpec.class);
    assertThat(((MalformedSpec) spec).problem())
        .isEqualTo("spec.lightsail.containerPort: must be an integer");
    assertThat(spec.getLightsail().getServiceName()).isEqualTo("qa-service");
    assertThat(spec.getLightsail().getContainerPort()).isNull();
    // The finalizer follows deletionPolicy, so it must survive a misfit elsewhere.
    assertThat(spec.getLightsail().deletesService()).isTrue();
    assertThat(spec.getImage().getTag()).isEqualTo("v1");
  }

  @Test
  void theValueItselfIsNeverEchoed() {
    assertThat(problem(spec("\"containerPort\": 8080, \"scale\": \"s3cr3t-ish\"")))
        .isEqualTo("spec.lightsail.scale: must be an integer")
        .doesNotContain("s3cr3t-ish");
  }

  @Test
  void unknownEnumValueListsTheAcceptedOnes() {
    assertThat(problem(spec("\"containerPort\": 8080, \"power\": \"huge\"")))
        .isEqualTo(
            "spec.lightsail.power: must be one of nano, micro, small, medium, large, xlarge");
    assertThat(problem(spec("\"containerPort\": 8080, \"deletionPolicy\": \"Destroy\"")))
        .isEqualTo("spec.lightsail.deletionPolicy: must be one of Retain, Delete");
  }

  @Test
  void objectsListsAndBooleansOfTheWrongShape() {
    assertThat(problem(spec("\"containerPort\": 8080, \"env\": [\"A=1\"]")))
        .isEqualTo("spec.lightsail.env: must be an object");
    assertThat(problem(spec("\"containerPort\": 8080, \"envFrom\": {\"name\": \"DSN\"}")))
        .isEqualTo("spec.lightsail.envFrom: must be an array");
    assertThat(problem(spec("\"containerPort\": 8080, \"envFrom\": [\"DSN\"]")))
        .isEqualTo("spec.lightsail.envFrom[0]: must be an object");
    assertThat(problem(spec("\"containerPort\": 8080, \"env\": {\"A\": {\"b\": 1}}")))
        .isEqualTo("spec.lightsail.env.A: must be a string");
    assertThat(problem("{\"image\": \"repo:v1\"}")).isEqualTo("spec.image: must be an object");
    assertThat(problem("{\"suspend\": \"yes\"}")).isEqualTo("spec.suspend: must be true or false");
  }

  @Test
  void specThatIsNoObject() {
    assertThat(problem("\"image: repo\"")).isEqualTo("spec: must be an object");
    assertThat(problem("[1, 2]")).isEqualTo("spec: must be an object");
  }

  @Test
  void onlyTheFirstMisfitIsReported() {
    assertThat(problem(spec("\"containerPort\": \"eighty\", \"scale\": \"two\"")))
        .isEqualTo("spec.lightsail.containerPort: must be an integer");
  }

  @Test
  void aCopyIsMalformedTheSameWayAndWritesTheStoredJsonBack() {
    Environment env =
        Serialization.unmarshal(
            "{\"apiVersion\": \"envops.dev/v1alpha1\", \"kind\": \"Environment\","
                + " \"metadata\": {\"name\": \"qa\"}, \"spec\": "
                + spec("\"containerPort\": \"eighty\"")
                + "}",
            Environment.class);

    Environment copy = Serialization.clone(env);

    assertThat(copy.getSpec()).isInstanceOf(MalformedSpec.class);
    assertThat(((MalformedSpec) copy.getSpec()).problem())
        .isEqualTo("spec.lightsail.containerPort: must be an integer");
    JsonNode written = Serialization.jsonMapper().valueToTree(copy);
    assertThat(written.at("/spec/lightsail/containerPort").asText()).isEqualTo("eighty");
    assertThat(written.at("/spec/lightsail/serviceName").asText()).isEqualTo("qa-service");
  }

  private static String spec(String moreLightsail) {
    return "{\"gitRef\": \"main\", \"image\": {\"repository\":"
        + " \"123456789012.dkr.ecr.us-east-1.amazonaws.com/bookings-api\", \"tag\": \"v1\"},"
        + " \"lightsail\": {"
        + LIGHTSAIL
        + ", "
        + moreLightsail
        + "}}";
  }

  private static EnvironmentSpec read(String json) {
    return Serialization.unmarshal(json, EnvironmentSpec.class);
  }

  private static String problem(String json) {
    EnvironmentSpec spec = read(json);
    assertThat(spec).isInstanceOf(MalformedSpec.class);
    return ((MalformedSpec) spec).problem();
  }
}
