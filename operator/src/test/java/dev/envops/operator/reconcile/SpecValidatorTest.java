package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.HealthCheckSpec;
import dev.envops.operator.environment.PromotionSpec;
import dev.envops.operator.environment.SecretEnvVar;
import dev.envops.operator.environment.SecretKeyRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules the bad-input benchmark found missing: limits on what is copied into status or sent to
 * Lightsail, names of the objects a spec refers to, and regions Lightsail does not run in.
 */
class SpecValidatorTest {

  private static final String REPOSITORY =
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/bookings-api";

  private final EnvironmentSpec spec =
      Environments.withSchemaPromotion(Environments.bookings("qa", REPOSITORY, "v1")).getSpec();

  @Test
  void theBaseSpecIsValid() {
    assertThat(problem()).isEmpty();
  }

  @Test
  void containerNamesAreLowercaseAndAtMostFiftyThreeCharacters() {
    spec.getLightsail().setContainerName("a".repeat(53));
    assertThat(problem()).isEmpty();
    spec.getLightsail().setContainerName("b");
    assertThat(problem()).isEmpty();

    spec.getLightsail().setContainerName("Bookings-Api");
    assertThat(problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("spec.lightsail.containerName: must be 1-53 lowercase"));
    spec.getLightsail().setContainerName("a".repeat(54));
    assertThat(problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("spec.lightsail.containerName:"));
    spec.getLightsail().setContainerName("app-");
    assertThat(problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("spec.lightsail.containerName:"));
  }

  @Test
  void successCodesLieBetweenTwoHundredAndFourNinetyNine() {
    HealthCheckSpec health = new HealthCheckSpec();
    spec.getLightsail().setHealthCheck(health);
    health.setSuccessCodes("200-499");
    assertThat(problem()).isEmpty();
    health.setSuccessCodes("200,302,404");
    assertThat(problem()).isEmpty();

    health.setSuccessCodes("200-600");
    assertThat(problem())
        .contains(
            "spec.lightsail.healthCheck.successCodes: Lightsail accepts codes between 200 and 499"
                + " (got 600)");
    health.setSuccessCodes("199,200");
    assertThat(problem()).hasValueSatisfying(p -> assertThat(p).contains("(got 199)"));
  }

  @Test
  void theImageRepositoryMustBeInTheServicesRegion() {
    spec.getImage().setRepository("123456789012.dkr.ecr.eu-west-1.amazonaws.com/bookings-api");
    assertThat(problem())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("spec.image.repository: the ECR repository is in eu-west-1")
                    .contains("us-east-1"));
    spec.getLightsail().setRegion("eu-west-1");
    assertThat(problem()).isEmpty();
  }

  @Test
  void gitRefIsBoundedBecauseStatusAndHistoryCopyIt() {
    spec.setGitRef("g".repeat(255));
    assertThat(problem()).isEmpty();

    spec.setGitRef("g".repeat(64 * 1024));
    assertThat(problem()).contains("spec.gitRef: longer than 255 characters (got 65536)");
  }

  @Test
  void envValueIsBoundedInCharacters() {
    env().put("CERT", "é".repeat(4096));
    assertThat(problem()).isEmpty();

    env().put("BIG", "x".repeat(100 * 1024));
    assertThat(problem())
        .contains("spec.lightsail.env.BIG: longer than 4096 characters (got 102400)");
  }

  @Test
  void envCountIsBounded() {
    for (int i = 0; env().size() < 100; i++) {
      env().put("VAR_" + i, "v");
    }
    assertThat(problem()).isEmpty();

    env().put("ONE_MORE", "v");
    assertThat(problem()).contains("spec.lightsail.env: at most 100 variables (got 101)");
  }

  @Test
  void envValueMustBeAString() {
    env().put("EMPTY", null);
    assertThat(problem()).contains("spec.lightsail.env.EMPTY: must be a string");
  }

  @Test
  void envFromCountIsBounded() {
    List<SecretEnvVar> envFrom = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      envFrom.add(new SecretEnvVar("S_" + i, new SecretKeyRef("db", "dsn")));
    }
    spec.getLightsail().setEnvFrom(envFrom);

    assertThat(problem()).contains("spec.lightsail.envFrom: at most 100 entries (got 101)");
  }

  @Test
  void secretNamesAndKeysFollowKubernetesRules() {
    spec.getLightsail()
        .setEnvFrom(List.of(new SecretEnvVar("DSN", new SecretKeyRef("Bad_Secret", "dsn"))));
    assertThat(problem())
        .hasValueSatisfying(
            p ->
                assertThat(p).startsWith("spec.lightsail.envFrom[0].secretKeyRef.name: must be a"));

    spec.getLightsail().setEnvFrom(List.of(new SecretEnvVar("DSN", new SecretKeyRef("db", "a/b"))));
    assertThat(problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("spec.lightsail.envFrom[0].secretKeyRef.key: must be"));

    spec.getLightsail()
        .setEnvFrom(
            List.of(new SecretEnvVar("DSN", new SecretKeyRef("bookings-qa.db", "tls.crt"))));
    assertThat(problem()).isEmpty();
  }

  @Test
  void missingSecretKeyRefPartIsNamed() {
    spec.getLightsail().setEnvFrom(List.of(new SecretEnvVar("DSN", new SecretKeyRef("db", null))));
    assertThat(problem()).contains("spec.lightsail.envFrom[0].secretKeyRef.key: required");

    spec.getLightsail().setEnvFrom(List.of(new SecretEnvVar("DSN", new SecretKeyRef(null, "dsn"))));
    assertThat(problem()).contains("spec.lightsail.envFrom[0].secretKeyRef.name: required");
  }

  @Test
  void tokenSecretNameFollowsKubernetesRules() {
    spec.getDatabase().getServiceTokenSecretRef().setName("PlanetScale Token");

    assertThat(problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("spec.database.serviceTokenSecretRef.name: must be a"));
  }

  @Test
  void requireReadyInMustBeAnEnvironmentName() {
    spec.setPromotion(new PromotionSpec());
    spec.getPromotion().setRequireReadyIn("Bookings_QA");
    assertThat(problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("spec.promotion.requireReadyIn: must be a"));

    spec.getPromotion().setRequireReadyIn("bookings-qa");
    assertThat(problem()).isEmpty();
  }

  @Test
  void healthCheckSuccessCodesAndPathLength() {
    HealthCheckSpec health = spec.getLightsail().getHealthCheck();
    health.setSuccessCodes("ok");
    assertThat(problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("spec.lightsail.healthCheck.successCodes: must be"));

    health.setSuccessCodes("200-299,302");
    health.setPath("/" + "p".repeat(256));
    assertThat(problem())
        .contains("spec.lightsail.healthCheck.path: longer than 256 characters (got 257)");
  }

  @Test
  void regionMustBeOneLightsailRunsIn() {
    spec.getLightsail().setRegion("eu-west-3");
    spec.getImage().setRepository("123456789012.dkr.ecr.eu-west-3.amazonaws.com/bookings-api");
    assertThat(problem()).isEmpty();

    spec.getLightsail().setRegion("zz-nowhere-9");
    assertThat(problem())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("spec.lightsail.region: Lightsail does not run in zz-nowhere-9")
                    .contains("us-east-1"));
  }

  private Map<String, String> env() {
    if (!(spec.getLightsail().getEnv() instanceof HashMap)) {
      spec.getLightsail().setEnv(new HashMap<>(spec.getLightsail().getEnv()));
    }
    return spec.getLightsail().getEnv();
  }

  private Optional<String> problem() {
    return SpecValidator.firstProblem(spec);
  }
}
