package dev.envops.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.reconcile.ValidateStep;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example manifests parse into the model and pass the operator's validation. */
class ExamplesTest {

  @ParameterizedTest
  @ValueSource(strings = {"bookings-qa.yaml", "bookings-prod.yaml"})
  void exampleIsAValidEnvironment(String file) throws IOException {
    Path path = Path.of(System.getProperty("envops.crds.dir", "../crds"), "examples", file);
    try (InputStream in = Files.newInputStream(path)) {
      Environment env = Serialization.unmarshal(in, Environment.class);

      assertThat(env.getMetadata().getName()).isEqualTo(file.replace(".yaml", ""));
      assertThat(ValidateStep.validate(env.getSpec())).isEmpty();
      assertThat(env.getSpec().getLightsail().getEnvFrom()).hasSize(1);
      assertThat(env.getSpec().getLightsail().deletesService()).isFalse();
    }
  }

  @Test
  void validationNamesTheFirstBadField() {
    EnvironmentSpec spec = new EnvironmentSpec();
    ImageSpec image = new ImageSpec();
    image.setRepository("123456789012.dkr.ecr.us-east-1.amazonaws.com/bookings-api");
    image.setTag("v1");
    spec.setImage(image);
    LightsailSpec ls = new LightsailSpec();
    ls.setRegion("us-east-1");
    ls.setServiceName("bookings");
    ls.setContainerName("api");
    ls.setContainerPort(70000);
    spec.setLightsail(ls);

    assertThat(ValidateStep.validate(spec))
        .hasValueSatisfying(p -> assertThat(p).startsWith("spec.lightsail.containerPort:"));
  }
}
