package dev.envops.operator.planetscale;

import java.time.Duration;

/**
 * A call not sent because the organization's client-side budget had no slot for it now: not an
 * error, the pass ends and comes back after {@link #retryAfter()}.
 */
public final class PlanetScaleBudgetWait extends PlanetScaleException {

  private final Duration retryAfter;

  PlanetScaleBudgetWait(PlanetScaleApi api, String message, Duration retryAfter) {
    super(api, 429, "client_budget", message);
    this.retryAfter = retryAfter;
  }

  /** When a slot of the budget may be free. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
