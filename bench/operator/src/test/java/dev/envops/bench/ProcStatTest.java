package dev.envops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void addsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
    String stat =
        "4242 (VM Thread (x)) S 1 4242 4242 0 -1 4194368 2101 0 0 0 731 129 0 0 20 0 1 0 36 0 0";

    assertThat(ProcStat.cpuTicks(stat)).isEqualTo(731 + 129);
  }
}
