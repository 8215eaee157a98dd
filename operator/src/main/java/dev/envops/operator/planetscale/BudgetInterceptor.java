package dev.envops.operator.planetscale;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Takes one call from the organization's {@link PlanetScaleBudget} before each call: sends it, or
 * refuses it with when to come back, so the reconcile thread is freed for other Environments.
 */
final class BudgetInterceptor implements Interceptor {

  /** Whether this thread's reconcile pass has sent a PlanetScale call yet. */
  private static final ThreadLocal<Boolean> SPENT = ThreadLocal.withInitial(() -> false);

  private final PlanetScaleBudget budget;

  BudgetInterceptor(PlanetScaleBudget budget) {
    this.budget = budget;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String organization = organization(chain.request().url().pathSegments());
    PlanetScaleBudget.Admission admission = budget.admit(organization, SPENT.get());
    if (!admission.admitted()) {
      throw new BudgetExhaustedException(organization, admission.retryAfter());
    }
    SPENT.set(true);
    return chain.proceed(chain.request());
  }

  /**
   * Marks the start of a reconcile pass on this thread: its first PlanetScale call may be turned
   * away; once one was sent, the pass's later calls go on the budget's credit, so the budget it
   * spent is not thrown away by a refusal halfway (the pass would start over and spend it again).
   */
  static void passStarts() {
    SPENT.set(false);
  }

  private static String organization(List<String> segments) {
    int i = segments.indexOf("organizations");
    return i >= 0 && i + 1 < segments.size() ? segments.get(i + 1) : "";
  }

  /** The organization's budget has no slot for this caller now: the call was not sent. */
  static final class BudgetExhaustedException extends IOException {

    private final Duration retryAfter;

    BudgetExhaustedException(String organization, Duration retryAfter) {
      super(
          "the client-side PlanetScale budget of organization "
              + organization
              + " has no free slot; next in about "
              + retryAfter.toMillis()
              + " ms");
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }
}
