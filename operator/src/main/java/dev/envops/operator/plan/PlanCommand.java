package dev.envops.operator.plan;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * {@code envops plan -f FILE [--format markdown|text] [-n NAMESPACE]}: prints the combined plan of
 * a changed Environment manifest against the live state (read from the kubeconfig's cluster, and
 * from PlanetScale with {@code PLANETSCALE_SERVICE_TOKEN_ID}/{@code PLANETSCALE_SERVICE_TOKEN}).
 * Read-only: it changes nothing anywhere.
 */
public final class PlanCommand {

  static final String USAGE =
      """
      usage: envops plan -f FILE [--format markdown|text] [-n NAMESPACE]
        FILE                the Environment manifest as changed (e.g. in a pull request)
        --format            markdown (a pull-request comment, default) or text
        -n NAMESPACE        when the manifest names none (default: envops)
      environment: KUBECONFIG; PLANETSCALE_SERVICE_TOKEN_ID, PLANETSCALE_SERVICE_TOKEN and
        ENVOPS_PLANETSCALE_API_URL for the schema diff (without a token it is skipped)
      exit codes: 0 rolls out (or no change), 1 the plan could not be computed,
        2 blocked by the promotion gate, 3 rolls out but a schema statement can drop data
      """;

  private PlanCommand() {}

  /** Runs the command; returns its exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String file = null;
    String format = "markdown";
    String namespace = "envops";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-f", "--filename" -> file = i + 1 < args.length ? args[++i] : null;
        case "--format" -> format = i + 1 < args.length ? args[++i] : "";
        case "-n", "--namespace" -> namespace = i + 1 < args.length ? args[++i] : null;
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        default -> {
          err.print("envops plan: unknown argument " + args[i] + "\n" + USAGE);
          return Plan.ERROR;
        }
      }
    }
    if (file == null
        || namespace == null
        || !(format.equals("markdown") || format.equals("text"))) {
      err.print(USAGE);
      return Plan.ERROR;
    }
    try (KubernetesClient kube = new KubernetesClientBuilder().build()) {
      Plan plan = compute(Path.of(file), namespace, kube, env);
      out.print(format.equals("markdown") ? PlanRenderer.markdown(plan) : PlanRenderer.text(plan));
      return plan.exitCode();
    } catch (Exception e) {
      err.println("envops plan: " + e.getMessage());
      return Plan.ERROR;
    }
  }

  static Plan compute(
      Path file, String defaultNamespace, KubernetesClient kube, Map<String, String> env)
      throws Exception {
    Environment changed;
    try (InputStream in = Files.newInputStream(file)) {
      changed = Serialization.unmarshal(in, Environment.class);
    }
    if (changed == null || changed.getSpec() == null || changed.getMetadata() == null) {
      throw new IllegalArgumentException(file + " is not an Environment manifest with a spec");
    }
    String namespace =
        changed.getMetadata().getNamespace() == null
            ? defaultNamespace
            : changed.getMetadata().getNamespace();
    String name = changed.getMetadata().getName();
    var environments = kube.resources(Environment.class).inNamespace(namespace);
    Environment live = environments.withName(name).get();
    String upstream =
        changed.getSpec().getPromotion() == null
            ? null
            : changed.getSpec().getPromotion().getRequireReadyIn();
    Environment source =
        upstream == null || upstream.isBlank() ? null : environments.withName(upstream).get();
    SchemaPlan schema;
    String tokenId = env.get("PLANETSCALE_SERVICE_TOKEN_ID");
    String token = env.get("PLANETSCALE_SERVICE_TOKEN");
    var db = changed.getSpec().getDatabase();
    if (db == null || db.getPromoteFrom() == null || db.getPromoteFrom().isBlank()) {
      schema = SchemaPlan.none("no spec.database.promoteFrom: no schema is promoted");
    } else if (tokenId == null || token == null) {
      schema =
          SchemaPlan.none(
              "not read: set PLANETSCALE_SERVICE_TOKEN_ID and PLANETSCALE_SERVICE_TOKEN"
                  + " (read_deploy_request access)");
    } else {
      String baseUrl =
          env.getOrDefault("ENVOPS_PLANETSCALE_API_URL", PlanetScaleClients.DEFAULT_BASE_URL);
      schema = new SchemaDiffReader(new OkHttpClient(), baseUrl, tokenId, token).read(db);
    }
    return new Plan(
        namespace,
        name,
        live != null,
        ContainerChanges.between(live == null ? null : live.getSpec(), changed.getSpec()),
        schema,
        GateVerdict.of(changed.getSpec(), source));
  }
}
