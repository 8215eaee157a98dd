package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PlanetScale organization whose budget is used up neither holds every reconcile thread nor
 * starves its own promotions: each pass that began spending budget finishes.
 */
class PlanetScaleBudgetFairnessTest {

  private static final int PROMOTING = 6;

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    // About 3 calls a second for the organization, and few threads to share.
    h =
        OperatorHarness.withPlanetScale(
                Map.of("ENVOPS_PLANETSCALE_BUDGET", "8/2s", "ENVOPS_RECONCILE_THREADS", "6"))
            .start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aBusyOrganizationNeitherStallsTheFleetNorItsOwnPromotions() {
    h.push("v1");
    List<String> promoting = applyPromotions(h, "p", PROMOTING);
    h.apply(Environments.bookings("plain", h.repositoryUri(), "v1"));

    // The Environment without a schema gets threads while the organization's budget is busy.
    h.awaitStatus("plain", s -> s.getPhase() == Phase.Ready);
    assertThat(promoting.stream().filter(name -> ready(h, name)).count())
        .as("promotions still queued on the budget when the plain rollout was done")
        .isLessThan(PROMOTING);
    // And every promotion gets through the budget: none starves behind passes thrown away.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> promoting.stream().allMatch(name -> ready(h, name)));
    assertThat(h.planetScale().rateLimitedCount()).isZero();
  }

  /** Applies {@code count} Environments, each promoting a column into a database of its own. */
  static List<String> applyPromotions(OperatorHarness h, String prefix, int count) {
    List<String> promoting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String db = prefix + "db" + i;
      h.addDatabase(db, "ALTER TABLE hotels ADD COLUMN c" + i + " INT NULL");
      Environment env =
          Environments.withSchemaPromotion(
              Environments.bookings(prefix + i, h.repositoryUri(), "v1"));
      env.getSpec().getDatabase().setName(db);
      h.apply(env);
      promoting.add(prefix + i);
    }
    return promoting;
  }

  static boolean ready(OperatorHarness h, String name) {
    Environment env = h.get(name);
    return env.getStatus() != null && env.getStatus().getPhase() == Phase.Ready;
  }
}
