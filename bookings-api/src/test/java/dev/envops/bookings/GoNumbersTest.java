package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;

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
    "-2.5, -2.5"
  })
  void printsFloat32LikeEncodingJson(float value, String expected) {
    assertThat(GoNumbers.float32(value)).isEqualTo(expected);
  }
}
