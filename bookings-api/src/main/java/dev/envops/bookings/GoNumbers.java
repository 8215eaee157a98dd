package dev.envops.bookings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats numbers as Go's encoding/json does, so clients of the original see the same text. */
public final class GoNumbers {

  private static final double[] POWERS_OF_TEN = {1, 10, 100, 1000};

  /** The text of every rating with one decimal from 0 to 10, computed once: every row has one. */
  private static final int TENTHS = 100;

  private static final float[] TENTH_VALUES = new float[TENTHS + 1];
  private static final String[] TENTH_TEXTS = new String[TENTHS + 1];

  static {
    for (int k = 0; k <= TENTHS; k++) {
      TENTH_VALUES[k] = (float) (k / 10.0);
      TENTH_TEXTS[k] = format(TENTH_VALUES[k]);
    }
  }

  private GoNumbers() {}

  /**
   * A float32 as encoding/json prints it: shortest digits, no trailing {@code .0} ({@code 8},
   * {@code 7.6}), exponent form below 1e-6 and from 1e21 ({@code 1e-7}, {@code 1e+21}).
   */
  public static String float32(float value) {
    int tenths = Math.round(value * 10);
    if (tenths >= 0 && tenths <= TENTHS && TENTH_VALUES[tenths] == value) {
      return TENTH_TEXTS[tenths];
    }
    return format(value);
  }

  private static String format(float value) {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      throw new IllegalArgumentException("JSON has no " + value);
    }
    if (value == 0) {
      return "0";
    }
    String simple = fewDecimals(value);
    if (simple != null) {
      return simple;
    }
    BigDecimal decimal = shortest(value);
    float abs = Math.abs(value);
    if (abs >= 1e-6f && abs < 1e21f) {
      return decimal.toPlainString();
    }
    String digits = decimal.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - decimal.scale();
    StringBuilder out = new StringBuilder();
    if (value < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    // Go writes two exponent digits, then encoding/json trims "e-07" to "e-7" (not "e+21").
    if (magnitude < 10 && exponent > 0) {
      out.append('0');
    }
    out.append(magnitude);
    return out.toString();
  }

  /**
   * Fast path for what ratings look like (7.6, 8, 9.25): the nearest decimal with at most three
   * fraction digits, when it reads back as the same float; null otherwise.
   */
  private static String fewDecimals(float value) {
    double abs = Math.abs((double) value);
    // Below 2^24 the float spacing is under 1, so fewer fraction digits means fewer digits.
    if (abs < 1e-3 || abs >= 1e6) {
      return null;
    }
    for (int decimals = 0; decimals <= 3; decimals++) {
      double scale = POWERS_OF_TEN[decimals];
      long scaled = Math.round(abs * scale);
      if ((float) (scaled / scale) == (float) abs) {
        return plain(value < 0, scaled, decimals);
      }
    }
    return null;
  }

  private static String plain(boolean negative, long scaled, int decimals) {
    String digits = Long.toString(scaled);
    StringBuilder out = new StringBuilder(digits.length() + 3);
    if (negative) {
      out.append('-');
    }
    if (decimals == 0) {
      return out.append(digits).toString();
    }
    if (digits.length() <= decimals) {
      out.append("0.");
      out.append("0".repeat(decimals - digits.length()));
      return out.append(digits).toString();
    }
    int point = digits.length() - decimals;
    return out.append(digits, 0, point)
        .append('.')
        .append(digits, point, digits.length())
        .toString();
  }

  /**
   * The fewest significant digits that read back as the same float, nearest to its exact value
   * (Go's strconv rule). JDK 17's Float.toString is not always shortest: 123456789f gives
   * 1.23456792E8 where Go prints 123456790.
   */
  private static BigDecimal shortest(float value) {
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits < 9; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.floatValue() == value) {
        return rounded.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(9, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
