package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.DeletionPolicy;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retain adds no finalizer and keeps the service; Delete deletes it through a finalizer. */
class DeletionPolicyTest {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create().start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void retainAddsNoFinalizerAndKeepsTheService() {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    assertThat(h.get("qa").getMetadata().getFinalizers()).isNullOrEmpty();

    h.client().resource(h.get("qa")).delete();

    await().atMost(Duration.ofSeconds(5)).until(() -> h.get("qa") == null);
    assertThat(h.lightsail().callCount("DeleteContainerService")).isZero();
    assertThat(h.lightsail().service("qa-service")).isPresent();
  }

  @Test
  void deleteRemovesTheContainerServiceBeforeTheEnvironmentGoes() {
    h.push("v1");
    Environment env = Environments.bookings("prod", h.repositoryUri(), "v1");
    env.getSpec().getLightsail().setDeletionPolicy(DeletionPolicy.Delete);
    h.apply(env);
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(h.get("prod").getMetadata().getFinalizers())
        .containsExactly(ServiceDeletion.FINALIZER);

    h.client().resource(h.get("prod")).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("prod") == null);
    assertThat(h.lightsail().callCount("DeleteContainerService")).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.lightsail().service("prod-service").isEmpty());
  }
}
