package dev.envops.operator.planetscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A busy organization keeps a few callers waiting and turns the rest away with a time. */
class PlanetScaleBudgetTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  // 60 a minute: a burst of 3, then one slot every ~1.05 s (95% of the limit).
  private final PlanetScaleBudget budget =
      new PlanetScaleBudget(60, Duration.ofMinutes(1), Duration.ofSeconds(30), nanos::get);

  @Test
  void aFreeSlotIsTakenAtOnce() {
    PlanetScaleBudget.Admission first = budget.admit("acme");

    assertThat(first.admitted()).isTrue();
    assertThat(first.delay()).isZero();
  }

  @Test
  void onlyAFewCallersWaitAndTheRestAreToldWhenToComeBack() {
    drainBurst();
    List<PlanetScaleBudget.Admission> admissions = new ArrayList<>();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS + 3; i++) {
      admissions.add(budget.admit("acme"));
    }

    List<PlanetScaleBudget.Admission> waiting =
        admissions.stream().filter(PlanetScaleBudget.Admission::admitted).toList();
    assertThat(waiting).hasSize(PlanetScaleBudget.MAX_WAITERS);
    assertThat(waiting)
        .extracting(PlanetScaleBudget.Admission::delay)
        .isSortedAccordingTo(Duration::compareTo)
        .allMatch(d -> d.compareTo(Duration.ZERO) > 0);
    PlanetScaleBudget.Admission turnedAway = admissions.get(admissions.size() - 1);
    assertThat(turnedAway.admitted()).isFalse();
    // After the slots promised to the waiters.
    assertThat(turnedAway.retryAfter()).isGreaterThan(waiting.get(waiting.size() - 1).delay());
    assertThat(budget.refused("acme")).isEqualTo(3);
  }

  @Test
  void aWaiterThatIsDoneMakesRoomForTheNext() {
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      assertThat(budget.admit("acme").admitted()).isTrue();
    }
    assertThat(budget.admit("acme").admitted()).isFalse();

    budget.waited("acme");

    assertThat(budget.admit("acme").admitted()).isTrue();
  }

  @Test
  void aPassThatAlreadySpentBudgetWaitsItsTurnBeyondTheWaiters() {
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      budget.admit("acme");
    }

    PlanetScaleBudget.Admission fresh = budget.admit("acme", false);
    PlanetScaleBudget.Admission finishing = budget.admit("acme", true);

    assertThat(fresh.admitted()).isFalse();
    assertThat(finishing.admitted()).isTrue();
    assertThat(finishing.delay()).isPositive();
  }

  @Test
  void nobodyWaitsLongerThanThePatience() {
    PlanetScaleBudget patient =
        new PlanetScaleBudget(60, Duration.ofMinutes(1), Duration.ofSeconds(2), nanos::get);
    PlanetScaleBudget.Admission last;
    do {
      last = patient.admit("acme", true);
      assertThat(last.delay()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    } while (last.admitted());

    assertThat(last.retryAfter()).isGreaterThan(Duration.ofSeconds(2));
  }

  @Test
  void organizationsDoNotShareSlotsOrWaiters() {
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS + 1; i++) {
      budget.admit("acme");
    }

    PlanetScaleBudget.Admission other = budget.admit("globex");

    assertThat(other.admitted()).isTrue();
    assertThat(other.delay()).isZero();
  }

  @Test
  void aFirstCallIsToldWhetherItWouldBeTurnedAwayWithoutTakingASlot() {
    assertThat(budget.turnsAwayFirstCall("acme")).isFalse();
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      budget.admit("acme");
    }

    assertThat(budget.turnsAwayFirstCall("acme")).isTrue();
    assertThat(budget.refused("acme")).isZero();
    long reserved = budget.used("acme");

    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      budget.waited("acme");
    }
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());

    assertThat(budget.turnsAwayFirstCall("acme")).isFalse();
    assertThat(budget.used("acme")).isEqualTo(reserved);
    assertThat(budget.admit("acme").delay()).isZero();
  }

  private void drainBurst() {
    while (budget.admit("acme").delay().isZero()) {
      // the burst's free slots
    }
    budget.waited("acme");
  }
}
