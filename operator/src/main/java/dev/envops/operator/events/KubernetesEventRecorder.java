package dev.envops.operator.events;

import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events (what `kubectl describe env` shows) and mirrors them to the log. */
public final class KubernetesEventRecorder implements EventRecorder {

  /** The component named as the events' source. */
  public static final String COMPONENT = "envops-operator";

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);

  private final KubernetesClient client;

  public KubernetesEventRecorder(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void record(Environment env, String type, String reason, String message) {
    String namespace = env.getMetadata().getNamespace();
    String name = env.getMetadata().getName();
    LOG.info("{}/{}: {} {}: {}", namespace, name, type, reason, message);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    byte[] suffix = new byte[8];
    ThreadLocalRandom.current().nextBytes(suffix);
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name + "." + HexFormat.of().formatHex(suffix))
                  .withNamespace(namespace)
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(env.getApiVersion())
                          .withKind(env.getKind())
                          .withName(name)
                          .withNamespace(namespace)
                          .withUid(env.getMetadata().getUid())
                          .withResourceVersion(env.getMetadata().getResourceVersion())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withCount(1)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (RuntimeException e) {
      // Events are best effort: a failure to record one must not fail the reconcile.
      LOG.warn("could not record event {} for {}/{}: {}", reason, namespace, name, e.toString());
    }
  }
}
