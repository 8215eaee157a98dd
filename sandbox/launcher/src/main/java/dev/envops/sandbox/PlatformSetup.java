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

  /** Applies the namespace and the Secrets both examples name (values never printed). */
  public static void applySecrets(Sandbox sandbox, Progress progress) {
    KubernetesClient client = sandbox.client();
    Environment qa = example(ExampleManifests.QA);
    Environment prod = example(ExampleManifests.PROD);
    // Created when absent, never replaced: on a user's cluster it carries the sandbox run's label.
    if (client.namespaces().withName(NAMESPACE).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
    }
    BookingsDatabase database = sandbox.database();
    secret(
        client,
        dsnSecret(qa).getName(),
        Map.of(dsnSecret(qa).getKey(), database.dsn(BookingsDatabase.DEV)));
    secret(
        client,
        dsnSecret(prod).getName(),
        Map.of(dsnSecret(prod).getKey(), database.dsn(BookingsDatabase.MAIN)));
    String tokenSecret = prod.getSpec().getDatabase().getServiceTokenSecretRef().getName();
    secret(client, tokenSecret, Map.of("id", Sandbox.TOKEN_ID, "token", sandbox.tokenSecret()));
    progress.step(
        "applied Secrets "
            + dsnSecret(qa).getName()
            + " (DSN of branch dev), "
            + dsnSecret(prod).getName()
            + " (DSN of branch main), "
            + tokenSecret
            + " (values not shown)");
  }

  /** Applies {@code crds/examples/<name>.yaml} (bookings-qa reading dev, see the class comment). */
  public static void applyExample(Sandbox sandbox, String name, Progress progress) {
    Environment env = example(name);
    sandbox.client().resource(env).inNamespace(NAMESPACE).createOr(existing -> existing.update());
    progress.step(
        "applied crds/examples/"
            + name
            + ".yaml"
            + (ExampleManifests.QA.equals(name)
                ? " (database branch dev, no promoteFrom: QA reads dev as in the seed)"
                : " (deploy requests dev -> main before each rollout)"));
  }

  private static Environment example(String name) {
    Environment env = ExampleManifests.environment(name);
    if (ExampleManifests.QA.equals(name)) {
      readsBranchWithoutPromotion(env, BookingsDatabase.DEV);
    }
    return env;
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
