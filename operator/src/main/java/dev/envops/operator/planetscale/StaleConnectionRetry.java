package dev.envops.operator.planetscale;

import dev.envops.operator.planetscale.BudgetInterceptor.BudgetExhaustedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends a GET once more, on a new connection, when it fails before an answer, e.g. on a pooled
 * connection the server closed while idle (the pool's idle connections are closed first: they are
 * as old). okhttp skips its thorough check of a pooled connection for a GET (it counts on resending
 * one), and its own resending is off here so that a POST is never sent twice; without this, a
 * server's idle timeout turned into a failed pass, a backoff and a Warning Event (13 to 19 per run
 * of the fleet benchmark at 1,000 Environments). Each attempt takes its own slot of the budget; a
 * timeout, a cancelled call or a refusal by the budget is not retried.
 */
final class StaleConnectionRetry implements Interceptor {

  private final ConnectionPool pool;

  StaleConnectionRetry(ConnectionPool pool) {
    this.pool = pool;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (IOException e) {
      if (!"GET".equals(chain.request().method())
          || e instanceof InterruptedIOException
          || e instanceof BudgetExhaustedException
          || chain.call().isCanceled()) {
        throw e;
      }
      // The pool's other idle connections are as old, and likely closed too: send it on a new one.
      pool.evictAll();
      return chain.proceed(chain.request());
    }
  }
}
