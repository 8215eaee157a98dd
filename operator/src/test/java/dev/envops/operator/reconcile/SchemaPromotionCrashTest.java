package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.PS_DATABASE;
import static dev.envops.operator.OperatorHarness.PS_ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.planetscale.DeployRequestView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator dies right after a PlanetScale or Lightsail call took effect, before it saw the
 * answer or wrote status; a new operator takes over. Every crash point must still end with exactly
 * one deploy request for the revision and exactly one Lightsail deployment.
 */
class SchemaPromotionCrashTest {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.withPlanetScale().start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @ParameterizedTest(name = "crash after {0} (schema change: {1})")
  @CsvSource({
    "create_deploy_request, true",
    "queue_deploy_request, true",
    "close_deploy_request, false",
    "skip_revert_period, true",
    "CreateContainerServiceDeployment, true"
  })
  void oneDeployRequestAndOneDeploymentWhereverTheOperatorDies(String call, boolean change)
      throws Exception {
    AtomicBoolean crashed = new AtomicBoolean();
    if (call.equals("CreateContainerServiceDeployment")) {
      h.lightsail().faults().afterCall(op -> crashOnce(op, call, crashed));
    } else {
      h.planetScale().faults().afterCall(op -> crashOnce(op, call, crashed));
    }
    if (change) {
      h.onBranch("dev", "ALTER TABLE hotels ADD description VARCHAR(400)");
    }
    h.push("v1");
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    await().atMost(Duration.ofSeconds(20)).untilTrue(crashed);
    h.stopOperator();
    h.start();

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    List<DeployRequestView> requests = h.planetScale().deployRequests(PS_ORG, PS_DATABASE);
    assertThat(requests).hasSize(1);
    // Closed: no changes, or deployed and its revert window skipped once the app served.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !h.planetScale().deployRequests(PS_ORG, PS_DATABASE).get(0).open());
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(1);
  }

  /** The call has taken effect; throwing makes the simulator drop the answer, like a crash. */
  private static void crashOnce(String op, String target, AtomicBoolean crashed) {
    if (op.equals(target) && crashed.compareAndSet(false, true)) {
      throw new IllegalStateException("operator crashed after " + op);
    }
  }

  @ParameterizedTest(name = "destructive change, crash after {0}")
  @CsvSource({"CreateContainerServiceDeployment", "queue_deploy_request", "skip_revert_period"})
  void aDestructiveChangeStillMakesOneRequestAndOneDeploymentWhenTheAppGoesFirst(String call)
      throws Exception {
    h.onBranch("main", "ALTER TABLE hotels ADD description VARCHAR(400) NULL");
    h.onBranch("dev", "ALTER TABLE hotels ADD description VARCHAR(400) NULL");
    h.onBranch("dev", "ALTER TABLE hotels DROP COLUMN description");
    AtomicBoolean crashed = new AtomicBoolean();
    if (call.equals("CreateContainerServiceDeployment")) {
      h.lightsail().faults().afterCall(op -> crashOnce(op, call, crashed));
    } else {
      h.planetScale().faults().afterCall(op -> crashOnce(op, call, crashed));
    }
    h.push("v1");
    h.apply(
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1")));

    await().atMost(Duration.ofSeconds(20)).untilTrue(crashed);
    h.stopOperator();
    h.start();

    var ready = h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(ready.getDeployRequest().getOrder()).isEqualTo("AfterRollout");
    assertThat(h.planetScale().deployRequests(PS_ORG, PS_DATABASE)).hasSize(1);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(1);
    assertThat(h.columns("main", "hotels")).doesNotContain("description");
  }
}
