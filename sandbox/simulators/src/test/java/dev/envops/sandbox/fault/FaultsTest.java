package dev.envops.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultsTest {

  @Test
  void aSpikeIsAddedToTheCallsItHits() {
    Faults faults = new Faults(new Random(1)).latencySpikes(1.0, Duration.ofMillis(40));

    long started = System.nanoTime();
    assertThat(faults.beforeCall()).isEqualTo(Faults.Outcome.PROCEED);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void resetClearsSpikes() {
    Faults faults = new Faults(new Random(1)).latencySpikes(1.0, Duration.ofSeconds(30)).reset();

    long started = System.nanoTime();
    faults.beforeCall();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void ratesSplitOutcomes() {
    Faults faults = new Faults(new Random(7)).throttleRate(0.1).errorRate(0.1);
    int throttled = 0;
    int failed = 0;
    for (int i = 0; i < 10_000; i++) {
      switch (faults.beforeCall()) {
        case THROTTLE -> throttled++;
        case SERVER_ERROR -> failed++;
        case PROCEED -> {}
      }
    }

    assertThat(throttled).isBetween(800, 1200);
    assertThat(failed).isBetween(800, 1200);
  }
}
