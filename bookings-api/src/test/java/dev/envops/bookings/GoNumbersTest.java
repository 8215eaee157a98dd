package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what Go's json.Marshal(float32(x)) prints. */
class GoNumbersTest {

  @ParameterizedTest
  @CsvSource({
    "7.6, 7.6",
    "8, 8",
    "0, 0",
    "10, 10",
    "0.1, 0.1",
    "3.8, 3.8",
    "9.99, 9.99",
    "0.000001, 0.000001",
    "0.0000001, 1e-7",
    "0.00000012, 1.2e-7",
    "1e21, 1e+21",
    "123456789, 123456790",
    "-2.5, -2.5",
    "0.05, 0.05",
    "0.005, 0.005",
    "0.0005, 0.0005",
    "9.25, 9.25",
    "3.333, 3.333",
    "3.3333333, 3.3333333",
    "1234.5, 1234.5"
  })
  void printsFloat32LikeEncodingJson(float value, String expected) {
    assertThat(GoNumbers.float32(value)).isEqualTo(expected);
  }

  @Test
  void everyTenthOfAStarReadsBackAsItsDecimal() {
    for (int tenths = 0; tenths <= 100; tenths++) {
      String decimal = java.math.BigDecimal.valueOf(tenths, 1).stripTrailingZeros().toPlainString();
      assertThat(GoNumbers.float32(Float.parseFloat(decimal))).isEqualTo(decimal);
    }
  }

  @Test
  void fastPathAgreesWithTheShortestRoundTrip() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      float value = random.nextFloat() * 10;
      String text = GoNumbers.float32(value);
      assertThat(Float.parseFloat(text)).isEqualTo(value);
      // No shorter decimal reads back as the same float.
      java.math.BigDecimal decimal = new java.math.BigDecimal(text);
      if (decimal.precision() > 1) {
        java.math.BigDecimal shorter =
            new java.math.BigDecimal(value)
                .round(new java.math.MathContext(decimal.precision() - 1));
        assertThat(shorter.floatValue()).isNotEqualTo(value);
      }
    }
  }
}
