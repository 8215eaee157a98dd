package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Secret the spec names but that does not exist: the condition names the field, and no cloud call
 * is made for it (the token Secret was found missing only after an ECR lookup).
 */
class MissingSecretTest {

  @Test
  void missingEnvFromSecretNamesTheFieldAndMakesNoCloudCall() throws Exception {
    try (OperatorHarness h = OperatorHarness.create().start()) {
      h.push("v1");
      h.apply(
          Environments.withSecretEnv(
              Environments.bookings("qa", h.repositoryUri(), "v1"),
              "DSN",
              "no-such-secret",
              "dsn"));

      EnvironmentStatus status =
          h.awaitStatus("qa", s -> hasCondition(s, "Ready", "False", "SecretNotFound"));

      assertThat(status.condition("Ready").orElseThrow().getMessage())
          .isEqualTo(
              "spec.lightsail.envFrom[0].secretKeyRef: key dsn of Secret envops/no-such-secret"
                  + " not found (env DSN)");
      assertThat(h.ecr().calls()).isEmpty();
      assertThat(h.lightsail().calls()).isEmpty();
    }
  }

  @Test
  void missingTokenSecretStopsANewRolloutBeforeAnyCloudCall() throws Exception {
    try (OperatorHarness h = OperatorHarness.create().start()) {
      h.push("v1");
      Environment env =
          Environments.withSchemaPromotion(Environments.bookings("qa", h.repositoryUri(), "v1"));
      env.getSpec().getDatabase().getServiceTokenSecretRef().setName("no-such-token");
      h.apply(env);

      EnvironmentStatus status =
          h.awaitStatus("qa", s -> hasCondition(s, "Ready", "False", "ServiceTokenNotFound"));

      assertThat(status.condition("Ready").orElseThrow().getMessage())
          .isEqualTo(
              "spec.database.serviceTokenSecretRef: Secret envops/no-such-token with keys id and"
                  + " token (the PlanetScale service token) not found");
      assertThat(hasCondition(status, "SchemaPromoted", "False", "ServiceTokenNotFound")).isTrue();
      assertThat(status.getPhase()).isEqualTo(Phase.PromotingSchema);
      // Several passes (ENVOPS_SLOW_RETRY is 300 ms in the harness), none of them a cloud call.
      Thread.sleep(1000);
      assertThat(h.ecr().calls()).isEmpty();
      assertThat(h.lightsail().calls()).isEmpty();
    }
  }

  @Test
  void tokenSecretRemovedInSteadyStateLeavesAServingEnvironmentReady() throws Exception {
    try (OperatorHarness h = OperatorHarness.withPlanetScale().start()) {
      h.push("v1");
      h.apply(
          Environments.withSchemaPromotion(Environments.bookings("qa", h.repositoryUri(), "v1")));
      h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

      h.client()
          .secrets()
          .inNamespace(OperatorHarness.NAMESPACE)
          .withName(OperatorHarness.PS_TOKEN_SECRET)
          .delete();

      // Longer than the harness's 2 s resync: steady-state passes run and keep it Ready.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Optional.ofNullable(h.get("qa").getStatus())
                      .map(s -> s.getPhase() == Phase.Ready)
                      .orElse(false));
    }
  }
}
