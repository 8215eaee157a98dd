package dev.envops.sandbox;

import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.SecretEnvVar;
import dev.envops.operator.environment.SecretKeyRef;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What the platform engineer does once: fill in the Secrets the examples name and apply the example
 * Environments. In the sandbox, {@code bookings-qa} reads the {@code dev} branch without a deploy
 * request, as the seed's QA stage did; {@code bookings-prod} is applied as written.
 */
public final class PlatformSetup {

  /** The namespace of the example manifests. */
  public static final String NAMESPACE = "envops";

  private PlatformSetup() {}

  /** Applies the namespace, the Secrets (values never printed) and both examples. */
  public static void apply(Sandbox sandbox, Progress progress) {
    KubernetesClient client = sandbox.client();
    Environment qa = ExampleManifests.environment(ExampleManifests.QA);
    Environment prod = ExampleManifests.environment(ExampleManifests.PROD);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .createOr(existing -> existing.update());

    readsBranchWithoutPromotion(qa, BookingsDatabase.DEV);
    BookingsDatabase database = sandbox.database();
    secret(
        client,
        dsnSecret(qa).getName(),
        Map.of(dsnSecret(qa).getKey(), database.dsn(BookingsDatabase.DEV)));
    secret(
        client,
        dsnSecret(prod).getName(),
        Map.of(dsnSecret(prod).getKey(), database.dsn(BookingsDatabase.MAIN)));
    secret(
        client,
        prod.getSpec().getDatabase().getServiceTokenSecretRef().getName(),
        Map.of("id", Sandbox.TOKEN_ID, "token", sandbox.tokenSecret()));
    progress.step(
        "applied Secrets "
            + dsnSecret(qa).getName()
            + " (DSN of branch dev), "
            + dsnSecret(prod).getName()
            + " (DSN of branch main), "
            + prod.getSpec().getDatabase().getServiceTokenSecretRef().getName()
            + " (values not shown)");

    client.resource(qa).inNamespace(NAMESPACE).createOr(existing -> existing.update());
    client.resource(prod).inNamespace(NAMESPACE).createOr(existing -> existing.update());
    progress.step(
        "applied crds/examples/bookings-qa.yaml (database branch dev, no promoteFrom) and"
            + " bookings-prod.yaml (deploy requests dev -> main)");
  }

  private static void readsBranchWithoutPromotion(Environment env, String branch) {
    DatabaseSpec database = env.getSpec().getDatabase();
    if (database != null) {
      database.setBranch(branch);
      database.setPromoteFrom(null);
    }
  }

  /** The Secret key holding the {@code DSN} environment variable of {@code env}. */
  private static SecretKeyRef dsnSecret(Environment env) {
    return env.getSpec().getLightsail().getEnvFrom().stream()
        .filter(var -> "DSN".equals(var.getName()))
        .map(SecretEnvVar::getSecretKeyRef)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(env.getMetadata().getName() + " has no DSN"));
  }

  private static void secret(KubernetesClient client, String name, Map<String, String> data) {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withType("Opaque")
                .withStringData(data)
                .build())
        .createOr(existing -> existing.update());
  }
}
