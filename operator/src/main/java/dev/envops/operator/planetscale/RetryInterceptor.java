package dev.envops.operator.planetscale;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries PlanetScale calls on 429 and 5xx with exponential backoff and full jitter. A 429 is
 * retried for every method (the call was refused, not run); a 5xx or I/O failure only for methods
 * whose repetition cannot create anything twice (GET, PATCH close): a create that may have
 * succeeded is left to the reconciler, which adopts the open request instead of creating another.
 */
public final class RetryInterceptor implements Interceptor {

  private static final Set<String> REPEATABLE = Set.of("GET", "HEAD", "PATCH", "PUT", "DELETE");

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;

  public RetryInterceptor(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean repeatable = REPEATABLE.contains(request.method());
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (BudgetInterceptor.BudgetExhaustedException e) {
        // Not sent: the pass comes back when a slot is free, rather than sleep here.
        throw e;
      } catch (IOException e) {
        if (!repeatable || attempt >= maxAttempts) {
          throw e;
        }
        pause(attempt);
        continue;
      }
      boolean retry =
          attempt < maxAttempts
              && (response.code() == 429 || (repeatable && response.code() >= 500));
      if (!retry) {
        return response;
      }
      response.close();
      pause(attempt);
    }
  }

  private void pause(int attempt) throws IOException {
    long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 16));
    long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during retry backoff", e);
    }
  }
}
