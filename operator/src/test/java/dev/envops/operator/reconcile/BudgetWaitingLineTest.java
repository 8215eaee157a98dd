package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Turned-away Environments are woken in order, one per free slot, and none is forgotten. */
class BudgetWaitingLineTest {

  private static final String ORG = "acme";

  // Two slots to start with, then one every ~106 s: nothing refills during a test.
  private final PlanetScaleBudget budget = new PlanetScaleBudget(40, Duration.ofHours(1));
  private final AtomicLong now = new AtomicLong();
  private final List<String> woken = new ArrayList<>();
  private final BudgetWaitingLine line =
      new BudgetWaitingLine(budget, now::get, id -> woken.add(id.getName()));

  @Test
  void wakesFromTheFrontAsManyAsTheBudgetHasFreeSlots() {
    joinAndDispatch("a", "b", "c");

    assertThat(woken).containsExactly("a", "b");
  }

  @Test
  void aWokenPassHoldsItsSlotUntilItComesBackOrItsGraceEnds() {
    joinAndDispatch("a", "b", "c");

    line.dispatch(ORG);
    assertThat(woken).as("both free slots are promised to a and b").containsExactly("a", "b");

    line.leave("uid-a");
    line.dispatch(ORG);
    assertThat(woken).containsExactly("a", "b", "c");
  }

  @Test
  void aWokenPassThatNeverComesBackGivesItsSlotAwayAfterTheGrace() {
    joinAndDispatch("a", "b", "c");

    now.addAndGet(BudgetWaitingLine.WOKEN_GRACE.toNanos() + 1);
    line.dispatch(ORG);

    assertThat(woken).containsExactly("a", "b", "c");
  }

  @Test
  void aWokenPassTurnedAwayAgainGoesBackToTheFront() {
    budget.admit(ORG);
    line.join(env("a"), ORG);
    line.join(env("b"), ORG);
    line.dispatch(ORG);
    assertThat(woken).containsExactly("a");

    // Someone else took the slot: a is turned away again, and is still next.
    assertThat(line.join(env("a"), ORG)).isEqualTo(2);
    line.dispatch(ORG);

    assertThat(woken).containsExactly("a", "a");
  }

  @Test
  void nothingIsWokenWhileTheBudgetHasNoSlotAndAnEnvironmentThatGotThroughLeavesTheLine() {
    budget.admit(ORG);
    budget.admit(ORG);
    line.join(env("a"), ORG);
    line.join(env("b"), ORG);

    line.dispatch(ORG);
    assertThat(woken).isEmpty();

    line.leave("uid-a");
    assertThat(line.waits("uid-a")).isFalse();
    assertThat(line.waits("uid-b")).isTrue();
  }

  @Test
  void theFurtherBackInLineTheLaterTheFallback() {
    Duration slow = Duration.ofSeconds(30);

    Duration first = line.latestTurn(line.join(env("a"), ORG), slow);
    Duration second = line.latestTurn(line.join(env("b"), ORG), slow);

    assertThat(first).isGreaterThan(slow);
    assertThat(second).isGreaterThan(first);
    assertThat(line.latestTurn(line.join(env("a"), ORG), slow))
        .as("joining again keeps the place")
        .isEqualTo(second);
  }

  private void joinAndDispatch(String... names) {
    for (String name : names) {
      line.join(env(name), ORG);
    }
    line.dispatch(ORG);
  }

  private static Environment env(String name) {
    Environment env = new Environment();
    env.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("apps")
            .withUid("uid-" + name)
            .build());
    return env;
  }
}
