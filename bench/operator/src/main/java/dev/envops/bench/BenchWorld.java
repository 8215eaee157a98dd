package dev.envops.bench;

import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.HealthCheckSpec;
import dev.envops.operator.environment.ImageSpec;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.environment.SecretRef;
import dev.envops.sandbox.apiserver.KubeApiServer;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.DeployRequestView;
import dev.envops.sandbox.planetscale.PlanetScaleSimulator;
import dev.envops.sandbox.planetscale.TokenPermission;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmarks' cloud and cluster: a private MariaDB, the PlanetScale and Lightsail/ECR
 * simulators with per-call latency, a real kube-apiserver, and a fleet of Environments ({@code
 * env-0000}...), the first share of them promoting {@code dev} into {@code main} of their own
 * PlanetScale database.
 */
final class BenchWorld implements AutoCloseable {

  static final String NAMESPACE = "bench";
  static final String ORG = "acme";

  /** Environments per ECR repository: an app's qa and prod share one, as in the examples. */
  static final int ENVIRONMENTS_PER_REPOSITORY = 2;

  /**
   * Lightsail allows 100 container services per region and account: the fleet fills regions in this
   * order, 100 Environments each (an app's qa/prod pair and its repository share one).
   */
  static final int SERVICES_PER_REGION = 100;

  static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-2",
          "ca-central-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-north-1",
          "ap-south-1",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-southeast-1",
          "ap-southeast-2");
  static final String TOKEN_SECRET = "planetscale-token";
  private static final String TOKEN_ID = "bench";
  private static final String TOKEN = "pscale_tkn_bench-not-a-real-token";

  private final BenchOptions options;
  private final Path workDir;
  private final MariaDbServer mariaDb;
  private final PlanetScaleSimulator planetScale;
  private final AwsSimulator aws;
  private final KubeApiServer kube;
  private final OperatorInstallation installation;
  private final KubernetesClient admin;
  private final Map<String, String> expectedDigests = new ConcurrentHashMap<>();
  private int round;
  private Map<String, String> operatorEnv;
  private boolean closed;
  private final java.util.concurrent.ScheduledExecutorService reaper =
      Executors.newSingleThreadScheduledExecutor();
  private final java.util.concurrent.atomic.AtomicInteger reapedEvents =
      new java.util.concurrent.atomic.AtomicInteger();

  private BenchWorld(BenchOptions options, Path workDir) {
    this.options = options;
    this.workDir = workDir;
    mariaDb = MariaDbServer.start();
    planetScale = PlanetScaleSimulator.start(mariaDb, "bench_", 0);
    planetScale
        .timings()
        .pending(Duration.ofMillis(500))
        .queued(Duration.ofMillis(200))
        .submitting(Duration.ofMillis(200))
        .inProgress(Duration.ofMillis(500))
        .cutover(Duration.ofMillis(200));
    planetScale.addServiceToken(TOKEN_ID, TOKEN, EnumSet.allOf(TokenPermission.class));
    aws = AwsSimulator.start();
    aws.lightsail().serviceReadyDelay(Duration.ofSeconds(2));
    aws.lightsail().activationDelay(Duration.ofSeconds(2));
    kube = KubeApiServer.start();
    installation = OperatorInstallation.install(kube, OperatorManifests.fromClasspath("envops/"));
    admin = kube.adminClient();
  }

  /** Starts everything and creates the fleet's databases; no Environment exists yet. */
  static BenchWorld start(BenchOptions options) throws IOException {
    Path workDir =
        options.workDir() != null
            ? Files.createDirectories(options.workDir())
            : Files.createTempDirectory("envops-bench-");
    BenchWorld world = new BenchWorld(options, workDir);
    world.provisionCluster();
    world.reapEvents();
    world.provisionRepositories();
    world.provisionDatabases();
    return world;
  }

  /**
   * Deletes (and counts, for the report) the namespace's Events every few seconds, as the API
   * server's event TTL (1 h) would over a longer run, so the bench's etcd stays small.
   */
  private void reapEvents() {
    reaper.scheduleWithFixedDelay(
        () -> {
          try {
            reapedEvents.addAndGet(admin.v1().events().inNamespace(NAMESPACE).delete().size());
          } catch (RuntimeException e) {
            // The next sweep tries again.
          }
        },
        5,
        5,
        java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Events recorded by the operator (and reaped) so far. */
  int reapedEvents() {
    return reapedEvents.get();
  }

  private void provisionCluster() {
    KubernetesClient client = admin;
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    installation.grantSecrets(NAMESPACE);
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(TOKEN_SECRET)
                .endMetadata()
                .addToStringData("id", TOKEN_ID)
                .addToStringData("token", TOKEN)
                .build())
        .create();
  }

  private void provisionRepositories() {
    if (options.environments() > SERVICES_PER_REGION * REGIONS.size()) {
      throw new IllegalArgumentException(
          "at most "
              + SERVICES_PER_REGION * REGIONS.size()
              + " Environments: 100 container services per region in "
              + REGIONS.size()
              + " regions");
    }
    for (int i = 0; i < options.environments(); i += ENVIRONMENTS_PER_REPOSITORY) {
      aws.ecr().createRepository(AwsSimulator.ACCOUNT_ID, region(i), repository(i));
    }
  }

  /** The region of Environment {@code i}'s container service and repository. */
  static String region(int i) {
    return REGIONS.get(i / SERVICES_PER_REGION);
  }

  /** Environment {@code i}'s repository URI, in its region. */
  static String repositoryUri(int i) {
    return AwsSimulator.ACCOUNT_ID + ".dkr.ecr." + region(i) + ".amazonaws.com/" + repository(i);
  }

  static String repository(int i) {
    return String.format("app-%04d", i / ENVIRONMENTS_PER_REPOSITORY);
  }

  private void provisionDatabases() {
    for (int i = 0; i < options.promotingEnvironments(); i++) {
      String db = database(i);
      planetScale.createDatabase(ORG, db);
      mariaDb.execute(
          "CREATE TABLE `"
              + planetScale.branchDatabase(ORG, db, "main")
              + "`.hotels (id INT UNSIGNED PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL)");
      planetScale.createBranch(ORG, db, "dev", "main");
    }
  }

  /** Kubeconfig of the operator's ServiceAccount on the real API server, for its process. */
  Path writeKubeconfig() throws IOException {
    return installation.writeOperatorKubeconfig(workDir.resolve("kubeconfig"));
  }

  /** The operator's environment variables for this world (no secrets but fake AWS keys). */
  Map<String, String> operatorEnvironment() throws IOException {
    if (operatorEnv != null) {
      return operatorEnv;
    }
    Map<String, String> env = new java.util.HashMap<>();
    env.put("KUBECONFIG", writeKubeconfig().toString());
    env.put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
    env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
    env.put("AWS_REGION", "us-east-1");
    env.put("ENVOPS_NAMESPACES", NAMESPACE);
    env.put("ENVOPS_LIGHTSAIL_ENDPOINT", aws.endpoint().toString());
    env.put("ENVOPS_ECR_ENDPOINT", aws.endpoint().toString());
    env.put("ENVOPS_STS_ENDPOINT", aws.endpoint().toString());
    env.put("ENVOPS_PLANETSCALE_API_URL", planetScale.baseUrl());
    env.put("ENVOPS_RESYNC_PERIOD", Durations.env(options.resync()));
    env.put("ENVOPS_POLL_INTERVAL", "1000ms");
    env.put("ENVOPS_SLOW_RETRY", "5000ms");
    env.put("ENVOPS_MAX_BACKOFF", "5000ms");
    env.put("ENVOPS_LEADER_ELECTION", "false");
    env.put("ENVOPS_PROBE_ENDPOINT", "false");
    env.put("ENVOPS_METRICS_PORT", "0");
    for (String pair : options.operatorEnv()) {
      int eq = pair.indexOf('=');
      env.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    operatorEnv = Map.copyOf(env);
    return operatorEnv;
  }

  /**
   * The configuration the operator runs with: this world's variables and the operator's defaults.
   */
  dev.envops.operator.config.OperatorConfig operatorConfig() throws IOException {
    return dev.envops.operator.config.OperatorConfig.from(operatorEnvironment());
  }

  static String name(int i) {
    return String.format("env-%04d", i);
  }

  static String database(int i) {
    return String.format("db%04d", i);
  }

  boolean promoting(int i) {
    return i < options.promotingEnvironments();
  }

  static String tag(int round, int i) {
    return "r" + round + "-" + i;
  }

  /** Pushes round 0's images and creates every Environment. */
  void createFleet() {
    pushImages(0);
    KubernetesClient client = admin;
    inParallel(
        i -> {
          client.resource(environment(i, tag(0, i))).create();
        });
  }

  /**
   * Prepares the next round: pushes a new image per Environment and, for those with promotion, a
   * schema change on {@code dev}. Returns the round's number; {@link #bump(int)} starts it.
   */
  int prepareRound() {
    round++;
    pushImages(round);
    for (int i = 0; i < options.promotingEnvironments(); i++) {
      changeDevSchema(i, "c" + round);
    }
    return round;
  }

  /** Bumps every Environment's tag to {@code round}'s (one merge patch each, as CI does). */
  void bump(int round) {
    inParallel(i -> bumpOne(i, round));
  }

  /** Bumps one Environment's tag to {@code round}'s. */
  void bumpOne(int i, int round) {
    patchTag(i, tag(round, i));
  }

  private void patchTag(int i, String tag) {
    admin
        .resources(Environment.class)
        .inNamespace(NAMESPACE)
        .withName(name(i))
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"image\":{\"tag\":\"" + tag + "\"}}}");
  }

  /** Pushes a new image for Environment {@code i} alone and bumps it to that tag. */
  String soloBump(int i, String tag) {
    expectedDigests.put(tag, aws.ecr().pushImageAt(repositoryUri(i), tag));
    patchTag(i, tag);
    return tag;
  }

  /** A schema change on the {@code dev} branch of Environment {@code i}'s database. */
  void changeDevSchema(int i, String column) {
    mariaDb.execute(
        "ALTER TABLE `"
            + planetScale.branchDatabase(ORG, database(i), "dev")
            + "`.hotels ADD COLUMN "
            + column
            + " INT NULL");
  }

  private void pushImages(int round) {
    for (int i = 0; i < options.environments(); i++) {
      expectedDigests.put(tag(round, i), aws.ecr().pushImageAt(repositoryUri(i), tag(round, i)));
    }
  }

  String expectedDigest(String tag) {
    return expectedDigests.get(tag);
  }

  private Environment environment(int i, String tag) {
    Environment env = new Environment();
    env.setMetadata(new ObjectMetaBuilder().withName(name(i)).withNamespace(NAMESPACE).build());
    EnvironmentSpec spec = new EnvironmentSpec();
    spec.setGitRef("main");
    ImageSpec image = new ImageSpec();
    image.setRepository(repositoryUri(i));
    image.setTag(tag);
    spec.setImage(image);
    LightsailSpec ls = new LightsailSpec();
    ls.setRegion(region(i));
    ls.setServiceName("svc-" + String.format("%04d", i));
    ls.setContainerName("app");
    ls.setContainerPort(8080);
    HealthCheckSpec health = new HealthCheckSpec();
    health.setPath("/");
    ls.setHealthCheck(health);
    ls.setScale(1);
    ls.setEnv(Map.of("LISTEN", "0.0.0.0:8080"));
    spec.setLightsail(ls);
    if (promoting(i)) {
      DatabaseSpec db = new DatabaseSpec();
      db.setOrganization(ORG);
      db.setName(database(i));
      db.setBranch("main");
      db.setPromoteFrom("dev");
      SecretRef token = new SecretRef();
      token.setName(TOKEN_SECRET);
      db.setServiceTokenSecretRef(token);
      spec.setDatabase(db);
    }
    env.setSpec(spec);
    return env;
  }

  /** Every deploy request of every promoting Environment's database. */
  List<DeployRequestView> deployRequests() {
    List<DeployRequestView> all = new ArrayList<>();
    for (int i = 0; i < options.promotingEnvironments(); i++) {
      all.addAll(planetScale.deployRequests(ORG, database(i)));
    }
    return all;
  }

  private void inParallel(java.util.function.IntConsumer action) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < options.environments(); i++) {
        int index = i;
        futures.add(pool.submit(() -> action.accept(index)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("bench setup failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  BenchOptions options() {
    return options;
  }

  Path workDir() {
    return workDir;
  }

  AwsSimulator aws() {
    return aws;
  }

  PlanetScaleSimulator planetScale() {
    return planetScale;
  }

  KubernetesClient client() {
    return admin;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    reaper.shutdownNow();
    admin.close();
    kube.close();
    aws.close();
    planetScale.close();
    mariaDb.close();
  }
}
