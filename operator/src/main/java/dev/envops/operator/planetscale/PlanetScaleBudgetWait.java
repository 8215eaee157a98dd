package dev.envops.operator.planetscale;

import java.time.Duration;

/**
 * A call not sent because the organization's client-side budget had no slot for it now: not an
 * error, the pass ends and comes back after {@link #retryAfter()}.
 */
public final class PlanetScaleBudgetWait extends PlanetScaleException {

  private final Duration retryAfter;
  private final boolean promised;

  PlanetScaleBudgetWait(PlanetScaleApi api, String message, Duration retryAfter, boolean promised) {
    super(api, 429, "client_budget", message);
    this.retryAfter = retryAfter;
    this.promised = promised;
  }

  /** True when a slot at {@link #retryAfter()} is kept for this Environment's next pass. */
  public boolean promised() {
    return promised;
  }

  /** When a slot of the budget may be free. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
