package dev.envops.sandbox.planetscale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BranchDatabaseNamesTest {

  @Test
  void joinsPrefixDatabaseAndBranchWithSafeCharacters() {
    assertThat(BranchDatabaseNames.of("", "bookings_api", "main")).isEqualTo("bookings_api__main");
    assertThat(BranchDatabaseNames.of("t1_", "bookings-api", "feature/x"))
        .isEqualTo("t1_bookings_api__feature_x");
  }

  @Test
  void longNamesAreCutToMariaDbsLimitAndStayDistinct() {
    String a = BranchDatabaseNames.of("", "d".repeat(40), "branch-" + "x".repeat(30) + "1");
    String b = BranchDatabaseNames.of("", "d".repeat(40), "branch-" + "x".repeat(30) + "2");

    assertThat(a).hasSize(64).isNotEqualTo(b);
    assertThat(b).hasSize(64);
  }
}
