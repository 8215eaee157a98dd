package dev.envops.operator.planetscale;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** Builds the okhttp client the operator uses for PlanetScale: timeouts and retries set. */
public final class PlanetScaleClients {

  public static final String DEFAULT_BASE_URL = "https://api.planetscale.com/v1";

  private PlanetScaleClients() {}

  public static PlanetScaleClient create(String baseUrl) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(20))
            .callTimeout(Duration.ofSeconds(60))
            .retryOnConnectionFailure(false)
            .addInterceptor(new RetryInterceptor(4, Duration.ofMillis(200), Duration.ofSeconds(5)))
            .build();
    return new PlanetScaleClient(http, baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl);
  }
}
