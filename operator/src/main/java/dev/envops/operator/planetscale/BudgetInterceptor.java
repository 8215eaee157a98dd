package dev.envops.operator.planetscale;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Takes one call from the organization's {@link PlanetScaleBudget} before each attempt (retries
 * included), waiting for its slot; refuses the call when the wait would be too long.
 */
final class BudgetInterceptor implements Interceptor {

  private final PlanetScaleBudget budget;

  BudgetInterceptor(PlanetScaleBudget budget) {
    this.budget = budget;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String organization = organization(chain.request().url().pathSegments());
    Optional<Duration> wait = budget.reserve(organization);
    if (wait.isEmpty()) {
      throw new BudgetExhaustedException(organization);
    }
    long millis = wait.get().toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the PlanetScale budget", e);
      }
    }
    return chain.proceed(chain.request());
  }

  private static String organization(List<String> segments) {
    int i = segments.indexOf("organizations");
    return i >= 0 && i + 1 < segments.size() ? segments.get(i + 1) : "";
  }

  /** The organization's budget has no slot within its patience: the call was not sent. */
  static final class BudgetExhaustedException extends IOException {
    BudgetExhaustedException(String organization) {
      super("the client-side PlanetScale budget of organization " + organization + " is used up");
    }
  }
}
