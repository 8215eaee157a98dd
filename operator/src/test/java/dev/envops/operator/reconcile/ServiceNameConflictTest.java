package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.DeletionPolicy;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Environments naming one container service used to take turns deploying over each other; a
 * Delete policy on the second one deleted the first one's service. The first created holds it.
 */
class ServiceNameConflictTest {

  private static final String HELD =
      "spec.lightsail.serviceName: container service qa-service in us-east-1 belongs to"
          + " Environment envops/qa (created first)";

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    // A resync far away: whatever happens below is driven by events, not by the timer.
    h = OperatorHarness.create(Map.of("ENVOPS_RESYNC_PERIOD", "1h")).start();
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    // Creation timestamps have one-second resolution.
    Thread.sleep(1100);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void environmentNamingATakenServiceIsInvalidSpecAndDeploysNothing() throws Exception {
    int calls = h.lightsail().calls().size();
    h.apply(intruder(DeletionPolicy.Retain));

    EnvironmentStatus intruder =
        h.awaitStatus("intruder", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));
    assertThat(intruder.condition("Ready").orElseThrow().getMessage()).isEqualTo(HELD);
    Thread.sleep(500);
    // Not a call: neither for the newcomer nor for the holder (a newcomer does not trigger it).
    assertThat(h.lightsail().calls()).hasSize(calls);

    h.push("v2");
    h.edit(
        "qa",
        e -> {
          e.getSpec().getImage().setTag("v2");
          return e;
        });
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready && "v2".equals(s.getImage().getTag()));
    assertThat(
            h.lightsail()
                .service("qa-service")
                .orElseThrow()
                .currentDeployment()
                .orElseThrow()
                .containers())
        .containsOnlyKeys("qa");
  }

  @Test
  void theNextInLineTakesTheServiceOverOnceTheHolderIsDeleted() {
    h.apply(intruder(DeletionPolicy.Retain));
    h.awaitStatus("intruder", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));

    h.client().resource(h.get("qa")).delete();

    h.awaitStatus("intruder", s -> s.getPhase() == Phase.Ready);
    assertThat(
            h.lightsail()
                .service("qa-service")
                .orElseThrow()
                .currentDeployment()
                .orElseThrow()
                .containers())
        .containsOnlyKeys("intruder");
  }

  @Test
  void deletingAnEnvironmentNeverDeletesTheServiceAnotherHolds() {
    h.apply(intruder(DeletionPolicy.Delete));
    h.awaitStatus("intruder", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));
    int calls = h.lightsail().calls().size();

    h.client().resource(h.get("intruder")).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("intruder") == null);
    assertThat(h.lightsail().calls()).hasSize(calls);
    assertThat(h.lightsail().service("qa-service")).isPresent();
    assertThat(h.events("intruder"))
        .anyMatch(
            e ->
                "ServiceKept".equals(e.getReason())
                    && e.getMessage().contains("belongs to Environment envops/qa"));
  }

  @Test
  void deletingAnEnvironmentNeverDeletesAServiceTaggedForAnother() {
    h.client().resource(h.get("qa")).delete();
    h.apply(intruder(DeletionPolicy.Delete));
    // qa is gone (Retain): the intruder adopts its service, which stays tagged for qa.
    h.awaitStatus("intruder", s -> s.getPhase() == Phase.Ready);

    h.client().resource(h.get("intruder")).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("intruder") == null);
    assertThat(h.lightsail().callCount("DeleteContainerService")).isZero();
    assertThat(h.lightsail().service("qa-service")).isPresent();
    assertThat(h.events("intruder"))
        .anyMatch(
            e ->
                "ServiceKept".equals(e.getReason())
                    && e.getMessage().contains("created for Environment envops/qa"));
  }

  private Environment intruder(DeletionPolicy policy) {
    Environment env = Environments.bookings("intruder", h.repositoryUri(), "v1");
    env.getSpec().getLightsail().setServiceName("qa-service");
    env.getSpec().getLightsail().setDeletionPolicy(policy);
    return env;
  }
}
