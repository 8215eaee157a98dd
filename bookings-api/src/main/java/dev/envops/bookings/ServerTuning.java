package dev.envops.bookings;

import java.util.Map;

/**
 * Performance knobs, with defaults chosen by {@code bench/bookings-api/run}; optional environment
 * overrides exist for benchmarking only.
 */
public record ServerTuning(int eventLoops, int poolSize, int pipeliningLimit) {

  public static ServerTuning defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerTuning(cores, Math.max(4, cores * 4), 16);
  }

  /** Defaults overridden by {@code BOOKINGS_EVENT_LOOPS}, {@code BOOKINGS_POOL_SIZE}, ... */
  public static ServerTuning fromEnvironment(Map<String, String> env) {
    ServerTuning defaults = defaults();
    return new ServerTuning(
        positive(env, "BOOKINGS_EVENT_LOOPS", defaults.eventLoops()),
        positive(env, "BOOKINGS_POOL_SIZE", defaults.poolSize()),
        positive(env, "BOOKINGS_PIPELINING_LIMIT", defaults.pipeliningLimit()));
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer (got '" + value + "')");
  }
}
