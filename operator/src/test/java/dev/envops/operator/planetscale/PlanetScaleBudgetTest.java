package dev.envops.operator.planetscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A first call needs a free slot; a pass under way finishes on credit; nothing ever waits. */
class PlanetScaleBudgetTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  // 60 a minute: a burst of 3, a credit of 3, then one slot every ~1.18 s (95% of the limit).
  private final PlanetScaleBudget budget =
      new PlanetScaleBudget(60, Duration.ofMinutes(1), nanos::get);

  @Test
  void aFreeSlotIsTakenAtOnce() {
    assertThat(budget.admit("acme").admitted()).isTrue();
    assertThat(budget.used("acme")).isEqualTo(1);
  }

  @Test
  void aFirstCallWithoutAFreeSlotIsToldWhenOneWillBe() {
    drainBurst();

    PlanetScaleBudget.Admission turnedAway = budget.admit("acme");

    assertThat(turnedAway.admitted()).isFalse();
    assertThat(turnedAway.retryAfter()).isPositive().isLessThanOrEqualTo(slot());
    assertThat(budget.refused("acme")).isEqualTo(1);
    nanos.addAndGet(turnedAway.retryAfter().toNanos());
    assertThat(budget.admit("acme").admitted()).isTrue();
  }

  @Test
  void aPassThatAlreadySpentBudgetFinishesOnCreditAtOnce() {
    drainBurst();

    assertThat(budget.admit("acme", false).admitted()).isFalse();
    for (int i = 0; i < 3; i++) {
      assertThat(budget.admit("acme", true).admitted()).isTrue();
    }
    // The credit is spent: even a pass under way is refused now, and told when to come back.
    PlanetScaleBudget.Admission beyond = budget.admit("acme", true);
    assertThat(beyond.admitted()).isFalse();
    assertThat(beyond.retryAfter()).isPositive().isLessThanOrEqualTo(slot());
  }

  @Test
  void callsOnCreditArePaidBackBeforeTheNextFirstCall() {
    drainBurst();
    budget.admit("acme", true);
    budget.admit("acme", true);

    PlanetScaleBudget.Admission first = budget.admit("acme");

    // Three slots: the two sent on credit, then this one.
    assertThat(first.admitted()).isFalse();
    assertThat(first.retryAfter()).isGreaterThan(slot().multipliedBy(2));
    nanos.addAndGet(first.retryAfter().toNanos());
    assertThat(budget.turnsAwayFirstCall("acme")).isFalse();
  }

  @Test
  void noWindowSeesMoreThanTheLimitHoweverTheCallsAreSpread() {
    // A call every 10 ms for five minutes, half of them inside passes under way.
    long[] sent = new long[100_000];
    int count = 0;
    for (int tick = 0; tick < 30_000; tick++) {
      nanos.addAndGet(Duration.ofMillis(10).toNanos());
      if (budget.admit("acme", tick % 2 == 1).admitted()) {
        sent[count++] = nanos.get();
      }
    }
    long window = Duration.ofMinutes(1).toNanos();
    int most = 0;
    for (int i = 0, j = 0; i < count; i++) {
      while (sent[i] - sent[j] >= window) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    assertThat(most).isLessThanOrEqualTo(57).isGreaterThanOrEqualTo(50);
  }

  @Test
  void organizationsDoNotShareSlots() {
    drainBurst();

    assertThat(budget.admit("globex").admitted()).isTrue();
  }

  @Test
  void aFirstCallIsToldWhetherItWouldBeTurnedAwayWithoutTakingASlot() {
    assertThat(budget.turnsAwayFirstCall("acme")).isFalse();
    drainBurst();

    assertThat(budget.turnsAwayFirstCall("acme")).isTrue();
    assertThat(budget.refused("acme")).isZero();
    long used = budget.used("acme");

    nanos.addAndGet(slot().toNanos());

    assertThat(budget.turnsAwayFirstCall("acme")).isFalse();
    assertThat(budget.used("acme")).isEqualTo(used);
    assertThat(budget.admit("acme").admitted()).isTrue();
  }

  /** The time one slot takes to refill: the window over (95% of the limit - burst - credit). */
  private static Duration slot() {
    return Duration.ofNanos(Duration.ofMinutes(1).toNanos() / 51 + 1);
  }

  private void drainBurst() {
    for (int i = 0; i < 3; i++) {
      assertThat(budget.admit("acme").admitted()).isTrue();
    }
  }
}
