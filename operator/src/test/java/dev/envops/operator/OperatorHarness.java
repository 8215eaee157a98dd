package dev.envops.operator;

import static org.awaitility.Awaitility.await;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.reconcile.EndpointProbe;
import dev.envops.sandbox.apiserver.KubeApiServer;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import dev.envops.sandbox.apiserver.RepositoryRoot;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.ecr.EcrSimulator;
import dev.envops.sandbox.lightsail.LightsailSimulator;
import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.PlanetScaleSimulator;
import dev.envops.sandbox.planetscale.TokenPermission;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One operator wired to a real kube-apiserver (one per JVM, see {@link KubeApiServer#shared()}),
 * running as its ServiceAccount under the shipped RBAC with server-side apply, and to the
 * Lightsail/ECR simulator on the wire, with short intervals. Close it after each test.
 *
 * <p>{@link #NAMESPACE} is emptied when a harness starts and when it closes, so each test sees it
 * fresh (a real namespace cannot be deleted and re-created here: no namespace controller runs).
 */
public final class OperatorHarness implements AutoCloseable {

  public static final String NAMESPACE = "envops";
  public static final String REPOSITORY = "bookings-api";

  private static OperatorInstallation installation;

  private final KubeApiServer server;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final AwsSimulator aws;
  private final PlanetScaleSimulator planetScale;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final OperatorConfig config;
  private final Map<String, String> baseEnv;
  private final List<AutoCloseable> others = new ArrayList<>();
  private final List<String> extraDatabases = new ArrayList<>();
  private AwsClients awsClients;
  private EnvironmentOperator operator;

  private OperatorHarness(Map<String, String> overrides, boolean withPlanetScale) {
    OperatorInstallation installed = installation();
    server = installed.server();
    client = server.adminClient();
    operatorClient = installed.operatorClient();
    emptyNamespaces();
    aws = AwsSimulator.start();
    aws.lightsail().serviceReadyDelay(Duration.ofMillis(150));
    aws.lightsail().activationDelay(Duration.ofMillis(250));
    // The puller role's principal shows late and IAM learns it later still, as on AWS (shortened).
    aws.lightsail()
        .pullerRoleDelay(Duration.ofMillis(300))
        .iamPropagationDelay(Duration.ofMillis(200));
    aws.ecr().createRepository(REPOSITORY);
    Map<String, String> env = new HashMap<>();
    env.put("ENVOPS_POLL_INTERVAL", "100ms");
    env.put("ENVOPS_RESYNC_PERIOD", "2s");
    env.put("ENVOPS_TAG_RECHECK", "1s");
    env.put("ENVOPS_SLOW_RETRY", "300ms");
    env.put("ENVOPS_MAX_BACKOFF", "500ms");
    env.put("ENVOPS_METRICS_PORT", "0");
    env.put("ENVOPS_LEADER_ELECTION", "false");
    // As deployment.yaml: the shipped RBAC lets the operator read Secrets only there.
    env.put("ENVOPS_NAMESPACES", NAMESPACE);
    // The simulator's default service URLs are not on this machine: probe only loopback ones.
    env.put("ENVOPS_PROBE_ENDPOINT", "false");
    env.put("ENVOPS_LIGHTSAIL_ENDPOINT", aws.endpoint().toString());
    env.put("ENVOPS_ECR_ENDPOINT", aws.endpoint().toString());
    env.put("ENVOPS_STS_ENDPOINT", aws.endpoint().toString());
    planetScale = withPlanetScale ? startPlanetScale() : null;
    if (planetScale != null) {
      env.put("ENVOPS_PLANETSCALE_API_URL", planetScale.baseUrl());
    }
    env.putAll(overrides);
    baseEnv = Map.copyOf(env);
    config = OperatorConfig.from(env);
  }

  /** The shared API server with the operator's CRD, ServiceAccount and RBAC applied once. */
  private static synchronized OperatorInstallation installation() {
    if (installation == null) {
      installation =
          OperatorInstallation.install(
              KubeApiServer.shared(), OperatorManifests.fromRepository(RepositoryRoot.require()));
    }
    return installation;
  }

  /**
   * Removes what a test left in {@link #NAMESPACE} (Environments, finalizers included, Secrets,
   * Events, Leases) and the operator's Leases, so the next test starts from an empty namespace.
   */
  private void emptyNamespaces() {
    if (client.namespaces().withName(NAMESPACE).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
    }
    var environments = client.resources(Environment.class).inNamespace(NAMESPACE);
    for (Environment env : environments.list().getItems()) {
      if (!env.getMetadata().getFinalizers().isEmpty()) {
        environments
            .withName(env.getMetadata().getName())
            .patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build(),
                "{\"metadata\":{\"finalizers\":null}}");
      }
    }
    environments.delete();
    client.secrets().inNamespace(NAMESPACE).delete();
    client.v1().events().inNamespace(NAMESPACE).delete();
    client.leases().inNamespace(NAMESPACE).delete();
    client.leases().inNamespace(OperatorInstallation.NAMESPACE).delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                environments.list().getItems().isEmpty()
                    && client.secrets().inNamespace(NAMESPACE).list().getItems().isEmpty());
  }

  /** A harness with the test defaults; the operator is not started yet. */
  public static OperatorHarness create() {
    return new OperatorHarness(Map.of(), false);
  }

  /**
   * A harness that also runs the PlanetScale simulator (branches on the shared MariaDB): database
   * {@link #PS_ORG}/{@link #PS_DATABASE} with a {@code hotels} table on {@code main}, a {@code dev}
   * branch copied from it, and the token Secret {@link #PS_TOKEN_SECRET}.
   */
  public static OperatorHarness withPlanetScale() {
    return new OperatorHarness(Map.of(), true);
  }

  /** A harness with the PlanetScale simulator and some environment variables overridden. */
  public static OperatorHarness withPlanetScale(Map<String, String> overrides) {
    return new OperatorHarness(overrides, true);
  }

  /** The columns of {@code table} on {@code branch} of the simulated database, in order. */
  public List<String> columns(String branch, String table) throws java.sql.SQLException {
    String database = planetScale.branchDatabase(PS_ORG, PS_DATABASE, branch);
    try (var connection =
            java.sql.DriverManager.getConnection(MariaDbServer.shared().jdbcUrl(database));
        var statement =
            connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND"
                    + " table_name = ? ORDER BY ordinal_position")) {
      statement.setString(1, database);
      statement.setString(2, table);
      List<String> columns = new java.util.ArrayList<>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
      return columns;
    }
  }

  /** A harness with some environment variables overridden. */
  public static OperatorHarness create(Map<String, String> overrides) {
    return new OperatorHarness(overrides, false);
  }

  public static final String PS_ORG = "acme";
  public static final String PS_DATABASE = "bookings_api";
  public static final String PS_TOKEN_SECRET = "planetscale-token";
  public static final String PS_TOKEN_ID = "envops";
  public static final String PS_TOKEN = "pscale_tkn_harness-secret-value";
  private static final AtomicInteger SIMULATORS = new AtomicInteger();

  private PlanetScaleSimulator startPlanetScale() {
    MariaDbServer mariaDb = MariaDbServer.shared();
    PlanetScaleSimulator simulator =
        PlanetScaleSimulator.start(mariaDb, "op" + SIMULATORS.incrementAndGet() + "_", 0);
    simulator
        .timings()
        .pending(Duration.ofMillis(100))
        .queued(Duration.ofMillis(50))
        .submitting(Duration.ofMillis(50))
        .inProgress(Duration.ofMillis(100))
        .cutover(Duration.ofMillis(50))
        .schemaRecheck(Duration.ofMillis(100));
    simulator.createDatabase(PS_ORG, PS_DATABASE);
    mariaDb.execute(
        "CREATE TABLE `"
            + simulator.branchDatabase(PS_ORG, PS_DATABASE, "main")
            + "`.hotels (id INT UNSIGNED PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL)");
    simulator.createBranch(PS_ORG, PS_DATABASE, "dev", "main");
    simulator.addServiceToken(
        PS_TOKEN_ID,
        PS_TOKEN,
        EnumSet.of(
            TokenPermission.READ_DEPLOY_REQUEST,
            TokenPermission.CREATE_DEPLOY_REQUEST,
            TokenPermission.APPROVE_DEPLOY_REQUEST));
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(PS_TOKEN_SECRET)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .addToStringData("id", PS_TOKEN_ID)
                .addToStringData("token", PS_TOKEN)
                .build())
        .create();
    return simulator;
  }

  /** The PlanetScale simulator (only with {@link #withPlanetScale()}). */
  public PlanetScaleSimulator planetScale() {
    return planetScale;
  }

  /**
   * Another database of {@link #PS_ORG} shaped like {@link #PS_DATABASE} (a {@code hotels} table on
   * {@code main}, a {@code dev} branch), with {@code sql} run on {@code dev}; deleted on close.
   */
  public void addDatabase(String name, String devSql) {
    MariaDbServer mariaDb = MariaDbServer.shared();
    planetScale.createDatabase(PS_ORG, name);
    extraDatabases.add(name);
    mariaDb.execute(
        "CREATE TABLE `"
            + planetScale.branchDatabase(PS_ORG, name, "main")
            + "`.hotels (id INT UNSIGNED PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL)");
    planetScale.createBranch(PS_ORG, name, "dev", "main");
    mariaDb.execute("USE `" + planetScale.branchDatabase(PS_ORG, name, "dev") + "`; " + devSql);
  }

  /** Runs SQL on a branch of the simulated database (e.g. an ALTER TABLE on dev). */
  public void onBranch(String branch, String sql) {
    MariaDbServer.shared()
        .execute("USE `" + planetScale.branchDatabase(PS_ORG, PS_DATABASE, branch) + "`; " + sql);
  }

  /** Starts the operator (again, after {@link #stopOperator()}). */
  public OperatorHarness start() throws Exception {
    awsClients =
        new AwsClients(
            config,
            metrics,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secretkey")));
    operator =
        EnvironmentOperator.start(
            config,
            operatorClient,
            false,
            awsClients,
            metrics,
            config.probeEndpoint() ? EndpointProbe.http() : EndpointProbe.disabled(),
            "127.0.0.1");
    return this;
  }

  /**
   * Starts one more operator on the same API server and simulators, with this harness's settings
   * and {@code overrides} (another shard, say), as the same ServiceAccount; closed with the
   * harness.
   */
  public EnvironmentOperator startAnother(Map<String, String> overrides, OperatorMetrics metrics)
      throws Exception {
    Map<String, String> env = new HashMap<>(baseEnv);
    env.putAll(overrides);
    OperatorConfig other = OperatorConfig.from(env);
    AwsClients clients =
        new AwsClients(
            other,
            metrics,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secretkey")));
    others.add(clients);
    EnvironmentOperator started =
        EnvironmentOperator.start(
            other,
            installation().operatorClient(),
            true,
            clients,
            metrics,
            EndpointProbe.disabled(),
            "127.0.0.1");
    others.add(0, started);
    return started;
  }

  /** Stops the operator, keeping the Kubernetes API and the simulator. */
  public void stopOperator() {
    if (operator != null) {
      operator.close();
      awsClients.close();
      operator = null;
    }
  }

  /** The shared real API server. */
  public KubeApiServer server() {
    return server;
  }

  /** A client as the cluster admin: the test acts as the user who writes Environments. */
  /** The client the operator itself uses (as its ServiceAccount). */
  public KubernetesClient operatorClient() {
    return operatorClient;
  }

  public KubernetesClient client() {
    return client;
  }

  public LightsailSimulator lightsail() {
    return aws.lightsail();
  }

  public EcrSimulator ecr() {
    return aws.ecr();
  }

  /** The whole simulator (accounts, endpoint). */
  public AwsSimulator aws() {
    return aws;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public EnvironmentOperator operator() {
    return operator;
  }

  /** Pushes {@code tag} to the test repository; returns its digest. */
  public String push(String tag) {
    return aws.ecr().pushImage(REPOSITORY, tag);
  }

  public String repositoryUri() {
    return aws.ecr().repositoryUri(REPOSITORY);
  }

  /** Creates a Secret with one key. */
  public void secret(String name, String key, String value) {
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .addToStringData(key, value)
                .build())
        .createOr(r -> r.update());
  }

  public Environment apply(Environment env) {
    return client.resource(env).createOr(r -> r.update());
  }

  public Environment get(String name) {
    return client.resources(Environment.class).inNamespace(NAMESPACE).withName(name).get();
  }

  /** Changes the spec of {@code name} (bumping its generation). */
  public Environment edit(String name, java.util.function.UnaryOperator<Environment> change) {
    return client
        .resources(Environment.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .edit(
            e -> {
              Environment changed = change.apply(e);
              return changed;
            });
  }

  /** Waits until the status of {@code name} satisfies {@code check}; returns that status. */
  public EnvironmentStatus awaitStatus(String name, Predicate<EnvironmentStatus> check) {
    return awaitStatus(name, check, Duration.ofSeconds(20));
  }

  /** Waits up to {@code atMost} until the status of {@code name} satisfies {@code check}. */
  public EnvironmentStatus awaitStatus(
      String name, Predicate<EnvironmentStatus> check, Duration atMost) {
    try {
      return await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> Optional.ofNullable(get(name)).map(Environment::getStatus).orElse(null),
              s -> s != null && check.test(s));
    } catch (ConditionTimeoutException e) {
      // The status and events say why, where a flaky CI run leaves nothing else behind.
      throw new AssertionError(name + " never matched; last seen:\n" + describe(name), e);
    }
  }

  /** The status of {@code name} as YAML and its events, for failure messages. */
  public String describe(String name) {
    Environment env = get(name);
    StringBuilder out =
        new StringBuilder(
            env == null ? "(absent)\n" : Serialization.asYaml(env.getStatus()) + "events:\n");
    events(name)
        .forEach(
            e ->
                out.append("  ")
                    .append(e.getType())
                    .append(' ')
                    .append(e.getReason())
                    .append(": ")
                    .append(e.getMessage())
                    .append('\n'));
    return out.toString();
  }

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> condition(EnvironmentStatus status, String type) {
    return status.condition(type);
  }

  /** True when the condition of {@code type} has that status and reason. */
  public static boolean hasCondition(
      EnvironmentStatus status, String type, String value, String reason) {
    return status
        .condition(type)
        .map(c -> value.equals(c.getStatus()) && reason.equals(c.getReason()))
        .orElse(false);
  }

  /** Events recorded for {@code name}. */
  public List<Event> events(String name) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** Waits for an Event of {@code type} and {@code reason} on {@code name} (they follow status). */
  public Event awaitEvent(String name, String type, String reason) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                events(name).stream()
                    .filter(e -> type.equals(e.getType()) && reason.equals(e.getReason()))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  @Override
  public void close() {
    stopOperator();
    for (AutoCloseable other : others) {
      try {
        other.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    if (planetScale != null) {
      planetScale.deleteDatabase(PS_ORG, PS_DATABASE);
      extraDatabases.forEach(name -> planetScale.deleteDatabase(PS_ORG, name));
      planetScale.close();
    }
    aws.close();
    emptyNamespaces();
    operatorClient.close();
    client.close();
    metrics.close();
  }
}
