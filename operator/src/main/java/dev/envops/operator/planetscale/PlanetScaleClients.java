package dev.envops.operator.planetscale;

import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds the okhttp client the operator uses for PlanetScale: timeouts and budget set, and no retry
 * but a GET's on a stale connection (a failed call ends the reconcile pass, which the reconciler's
 * backoff brings back).
 */
public final class PlanetScaleClients {

  public static final String DEFAULT_BASE_URL = "https://api.planetscale.com/v1";

  private PlanetScaleClients() {}

  /** A client under PlanetScale's documented budget (600 requests a minute per organization). */
  public static PlanetScaleClient create(String baseUrl) {
    return create(baseUrl, PlanetScaleBudget.planetScaleDefault());
  }

  /** A client whose calls take their slot from {@code budget} first. */
  public static PlanetScaleClient create(String baseUrl, PlanetScaleBudget budget) {
    return new PlanetScaleClient(
        http(budget), baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl);
  }

  /** The okhttp client: a GET is sent once more after a stale connection, nothing else is. */
  static OkHttpClient http(PlanetScaleBudget budget) {
    ConnectionPool pool = new ConnectionPool();
    return new OkHttpClient.Builder()
        .connectionPool(pool)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(20))
        .callTimeout(Duration.ofSeconds(60))
        .retryOnConnectionFailure(false)
        .addInterceptor(new StaleConnectionRetry(pool))
        .addInterceptor(new BudgetInterceptor(budget))
        .build();
  }
}
