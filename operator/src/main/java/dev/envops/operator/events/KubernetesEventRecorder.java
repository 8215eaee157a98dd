package dev.envops.operator.events;

import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events (what `kubectl describe env` shows) and mirrors them to the log. Each is
 * one POST on the client's own HTTP client (its credentials and connection), its answer read for
 * the status code only: nothing here uses the stored Event, and fabric8's typed create (URL
 * building, model serialization, parsing the answer) was most of a rollout's Event cost.
 */
public final class KubernetesEventRecorder implements EventRecorder {

  /** The component named as the events' source. */
  public static final String COMPONENT = "envops-operator";

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
  private static final long TIMEOUT_SECONDS = 10;

  private final HttpClient http;
  private final String apiRoot;

  public KubernetesEventRecorder(KubernetesClient client) {
    this.http = client.getHttpClient();
    String master = client.getConfiguration().getMasterUrl();
    this.apiRoot = master.endsWith("/") ? master : master + "/";
  }

  @Override
  public void record(Environment env, String type, String reason, String message) {
    String namespace = env.getMetadata().getNamespace();
    String name = env.getMetadata().getName();
    LOG.info("{}/{}: {} {}: {}", namespace, name, type, reason, message);
    // Events are best effort: a failure to record one must not fail the reconcile.
    try {
      byte[] suffix = new byte[8];
      ThreadLocalRandom.current().nextBytes(suffix);
      byte[] body =
          EventBody.of(
              name + "." + HexFormat.of().formatHex(suffix),
              env,
              type,
              reason,
              message,
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
              COMPONENT);
      var request =
          http.newHttpRequestBuilder()
              .uri(apiRoot + "api/v1/namespaces/" + namespace + "/events")
              .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .post("application/json", body)
              .build();
      HttpResponse<byte[]> response =
          http.sendAsync(request, byte[].class).get(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
      if (!response.isSuccessful()) {
        LOG.warn(
            "could not record event {} for {}/{}: HTTP {}",
            reason,
            namespace,
            name,
            response.code());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("could not record event {} for {}/{}: interrupted", reason, namespace, name);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      LOG.warn(
          "could not record event {} for {}/{}: {}", reason, namespace, name, cause.toString());
    }
  }
}
