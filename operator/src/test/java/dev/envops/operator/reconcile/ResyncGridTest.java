package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResyncGridTest {

  private static final Duration RESYNC = Duration.ofSeconds(20);

  @Test
  void aResyncLandsOnTheNextWholeSecondNeverEarlierAndLessThanASecondLater() {
    long now = 1_765_000_000_250L;

    Duration delay = ResyncGrid.delay(RESYNC, now);

    assertThat(delay).isEqualTo(Duration.ofMillis(20_750));
    assertThat((now + delay.toMillis()) % 1000).isZero();
  }

  @Test
  void onTheGridAlreadyItIsExactlyTheResync() {
    assertThat(ResyncGrid.delay(RESYNC, 1_765_000_000_000L)).isEqualTo(RESYNC);
  }

  @Test
  void passesEndingWithinOneSecondShareOneDeadline() {
    Set<Long> deadlines = new HashSet<>();
    for (long now = 1_765_000_000_001L; now <= 1_765_000_001_000L; now += 7) {
      Duration delay = ResyncGrid.delay(RESYNC, now);
      assertThat(delay).isBetween(RESYNC, RESYNC.plusMillis(999));
      deadlines.add(now + delay.toMillis());
    }
    assertThat(deadlines).containsExactly(1_765_000_021_000L);
  }
}
