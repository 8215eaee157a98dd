package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promotions the PlanetScale budget turned away are woken as its slots free: with the production
 * slow retry (minutes) none sleeps past free slots, and none is turned away over and over.
 */
class PlanetScaleBudgetLineTest {

  private static final int PROMOTING = 8;
  private static final Pattern BUDGET_WAITS =
      Pattern.compile("envops_reconciles_total\\{result=\"budget_wait\",?\\} ([0-9.E]+)");

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    // About 3 calls a second for the organization; a refused pass's own timer is 10 minutes away.
    h =
        OperatorHarness.withPlanetScale(
                Map.of("ENVOPS_PLANETSCALE_BUDGET", "8/2s", "ENVOPS_SLOW_RETRY", "10m"))
            .start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void turnedAwayPromotionsAreWokenWhenSlotsFreeNotByTheirOwnTimers() {
    h.push("v1");
    List<String> promoting = PlanetScaleBudgetFairnessTest.applyPromotions(h, "l", PROMOTING);

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> promoting.stream().allMatch(n -> PlanetScaleBudgetFairnessTest.ready(h, n)));
    // Each coming back on its own spread timer: 77 turned away (and all Ready after 57 s, not 29).
    assertThat(budgetWaits())
        .as("passes the budget turned away, for %d promotions", PROMOTING)
        .isGreaterThan(0)
        .isLessThanOrEqualTo(5.0 * PROMOTING);
    assertThat(h.planetScale().rateLimitedCount()).isZero();
  }

  private double budgetWaits() {
    Matcher m = BUDGET_WAITS.matcher(h.metrics().scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
