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

  private void drainBurst() {
    while (budget.admit("acme").delay().isZero()) {
      // the burst's free slots
    }
    budget.waited("acme");
  }

  @Test
  void aCallerTurnedAwayIsPromisedTheNextSlotAndGetsItWhenItComesBack() {
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      budget.admit("acme");
    }

    PlanetScaleBudget.Admission turnedAway = budget.admit("acme", false, "env-a");
    PlanetScaleBudget.Admission next = budget.admit("acme", false, "env-b");

    assertThat(turnedAway.admitted()).isFalse();
    assertThat(turnedAway.promised()).isTrue();
    // The second promise comes after the first: one slot each, in turn.
    assertThat(next.retryAfter()).isGreaterThan(turnedAway.retryAfter());
    nanos.addAndGet(turnedAway.retryAfter().toNanos());
    PlanetScaleBudget.Admission back = budget.admit("acme", false, "env-a");
    assertThat(back.admitted()).isTrue();
    assertThat(back.delay()).isZero();
    // Someone new at that moment does not get env-b's slot either.
    assertThat(budget.admit("acme", false, "env-c").retryAfter())
        .isGreaterThan(next.retryAfter().minus(turnedAway.retryAfter()));
  }

  @Test
  void aPromiseNotCollectedInTimeLapses() {
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      budget.admit("acme");
    }
    PlanetScaleBudget.Admission turnedAway = budget.admit("acme", false, "env-a");

    // Well past its time, by when the bucket has refilled.
    nanos.addAndGet(
        turnedAway.retryAfter().toNanos()
            + PlanetScaleBudget.PROMISE_LAPSE_NANOS
            + Duration.ofSeconds(10).toNanos());

    // The late caller takes a fresh slot as anyone would, not the lapsed promise.
    long usedBefore = budget.used("acme");
    assertThat(budget.admit("acme", false, "env-a").admitted()).isTrue();
    assertThat(budget.used("acme")).isEqualTo(usedBefore + 1);
  }

  @Test
  void aCallerBackForItsPromiseMakesTheCallsOfOnePassInARow() {
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      budget.admit("acme");
    }
    PlanetScaleBudget.Admission turnedAway = budget.admit("acme", false, "env-a");
    // Enough others promised after it that a call queued behind them would wait beyond patience.
    for (int i = 0; i < 40; i++) {
      budget.admit("acme", false, "other-" + i);
    }

    nanos.addAndGet(turnedAway.retryAfter().toNanos());

    // Without the promise covering a whole pass, its second call was turned away every time.
    for (int call = 0; call < 3; call++) { // list, create, queue
      PlanetScaleBudget.Admission admission = budget.admit("acme", call > 0, "env-a");
      assertThat(admission.admitted()).as("call %d", call).isTrue();
      assertThat(admission.delay()).isZero();
    }
  }

  @Test
  void whatAPassLeavesOfItsPromiseGoesBackToTheBudget() {
    drainBurst();
    for (int i = 0; i < PlanetScaleBudget.MAX_WAITERS; i++) {
      budget.admit("acme");
    }
    PlanetScaleBudget.Admission turnedAway = budget.admit("acme", false, "env-a");
    nanos.addAndGet(turnedAway.retryAfter().toNanos());
    assertThat(budget.admit("acme", false, "env-a").admitted()).isTrue();
    long used = budget.used("acme");
    // A caller that keeps nothing is told when the next slot is free.
    Duration nextBefore = budget.admit("acme").retryAfter();

    // The pass polled once and ended: the other promised slots are free again.
    budget.release("acme", "env-a");

    assertThat(budget.used("acme")).isEqualTo(used - (PlanetScaleBudget.PROMISED_CALLS - 1));
    assertThat(budget.admit("acme").retryAfter()).isLessThan(nextBefore);
  }
}
