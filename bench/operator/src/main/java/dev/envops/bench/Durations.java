package dev.envops.bench;

import java.time.Duration;

/** Parses and prints the short durations the benchmarks take and report. */
final class Durations {

  private Durations() {}

  /** {@code 50ms}, {@code 20s}, {@code 5m}. */
  static Duration parse(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> throw new IllegalArgumentException("not a duration: " + text);
    };
  }

  /** Seconds with one decimal, e.g. {@code 12.3 s}. */
  static String seconds(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }

  /** Operator-style duration, e.g. {@code 250ms}. */
  static String env(Duration d) {
    return d.toMillis() + "ms";
  }
}
