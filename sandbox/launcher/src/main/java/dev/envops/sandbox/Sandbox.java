package dev.envops.sandbox;

import dev.envops.operator.EnvironmentOperator;
import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.reconcile.EndpointProbe;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.PlanetScaleSimulator;
import dev.envops.sandbox.planetscale.TokenPermission;
import dev.envops.sandbox.runtime.BookingsApiJar;
import dev.envops.sandbox.runtime.BookingsApiRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Everything envops talks to, on one machine: a private MariaDB, the PlanetScale simulator on it,
 * the Lightsail/ECR simulator running real bookings-api containers, a Kubernetes cluster (its own
 * real kube-apiserver, or the user's by kubeconfig) with the CRD and the operator's RBAC, and the
 * operator, as its ServiceAccount, wired to all of them. Closing it stops every process it started
 * and leaves a user's cluster as it was found.
 */
public final class Sandbox implements AutoCloseable {

  /** The ECR repository the examples name. */
  public static final String REPOSITORY = "bookings-api";

  /** The service token the operator uses (Secret {@code planetscale-token}). */
  static final String TOKEN_ID = "envops-operator";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Path workDirectory;
  private final SandboxTimings timings;
  private final SandboxCluster.Opener clusterOpener;
  private MariaDbServer mariaDb;
  private PlanetScaleSimulator planetScale;
  private BookingsDatabase database;
  private AwsSimulator aws;
  private SandboxCluster cluster;
  private KubernetesClient admin;
  private EnvironmentOperator operator;
  private String tokenSecret;
  private boolean closed;
  private boolean stoppedCleanly = true;

  /** A sandbox not started yet: {@link #start(Progress)} it, {@link #close()} it in any case. */
  public Sandbox(Path workDirectory, SandboxTimings timings) {
    this(workDirectory, timings, OwnApiServer::start);
  }

  /** The same on the cluster {@code clusterOpener} opens (see {@link KubeconfigCluster}). */
  public Sandbox(Path workDirectory, SandboxTimings timings, SandboxCluster.Opener clusterOpener) {
    this.workDirectory = workDirectory;
    this.timings = timings;
    this.clusterOpener = clusterOpener;
  }

  /** Starts every part in order, reporting each; stops what started if a later part fails. */
  public synchronized void start(Progress progress) {
    if (closed) {
      throw new IllegalStateException("the sandbox was closed");
    }
    try {
      startParts(progress);
    } catch (RuntimeException | IOException e) {
      close();
      throw new IllegalStateException("the sandbox did not start: " + e.getMessage(), e);
    }
  }

  private void startParts(Progress progress) throws IOException {
    Path jar = BookingsApiJar.locate();

    // First: a user's cluster that must not be installed on stops the start before anything runs.
    cluster = remember(clusterOpener.open(workDirectory));
    OperatorInstallation installation = cluster.install(OperatorManifests.fromClasspath("envops/"));
    admin = remember(cluster.adminClient());
    KubernetesClient operatorClient = remember(installation.operatorClient());
    installation.writeOperatorKubeconfig(workDirectory.resolve("operator.kubeconfig"));
    progress.step(
        cluster.description()
            + " with the Environment CRD and the operator's ServiceAccount and RBAC");

    mariaDb = remember(MariaDbServer.start());
    progress.step("MariaDB started on 127.0.0.1:" + mariaDb.port());

    planetScale = remember(PlanetScaleSimulator.start(mariaDb));
    planetScale.timings().allPhases(timings.planetScalePhase());
    planetScale.timings().schemaRecheck(timings.planetScalePhase());
    database = BookingsDatabase.create(mariaDb, planetScale, jar);
    tokenSecret = randomHex(20);
    planetScale.addServiceToken(
        TOKEN_ID,
        tokenSecret,
        EnumSet.of(
            TokenPermission.READ_DEPLOY_REQUEST,
            TokenPermission.CREATE_DEPLOY_REQUEST,
            TokenPermission.READ_BRANCH));
    progress.step(
        "PlanetScale simulator at "
            + planetScale.baseUrl()
            + ": database "
            + BookingsDatabase.ORGANIZATION
            + "/"
            + BookingsDatabase.DATABASE
            + ", branches main (schema + 2 hotels) and dev");

    BookingsApiRuntime runtime =
        new BookingsApiRuntime(jar, workDirectory.resolve("logs"), timings.containerStartup());
    remember(runtime);
    aws = remember(AwsSimulator.start());
    aws.lightsail()
        .serviceReadyDelay(timings.lightsailServiceReady())
        .activationDelay(timings.lightsailActivation())
        .pullerRoleDelay(timings.lightsailPullerRole())
        .iamPropagationDelay(timings.lightsailPullerRole().dividedBy(2))
        .runtime(runtime);
    aws.ecr().createRepository(REPOSITORY);
    progress.step(
        "Lightsail + ECR simulator at "
            + aws.endpoint()
            + " (each deployment runs "
            + jar.getFileName()
            + " as a process)");

    OperatorConfig config = OperatorSettings.of(timings, aws.endpoint(), planetScale.baseUrl());
    OperatorMetrics metrics = new OperatorMetrics();
    AwsClients awsClients =
        remember(
            new AwsClients(
                config,
                metrics,
                // The simulator checks the SigV4 shape, not the keys.
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDSANDBOX", randomHex(20)))));
    operator =
        remember(
            EnvironmentOperator.start(
                config,
                operatorClient,
                false,
                awsClients,
                metrics,
                EndpointProbe.http(),
                "127.0.0.1"));
    // Closed first: the Environments go while the operator can still finish their finalizers.
    remember(cluster::removeEnvironments);
    progress.step(
        "operator started (metrics at http://127.0.0.1:" + operator.healthPort() + "/metrics)");
  }

  /** A client as the cluster admin (the platform engineer of the story). */
  public KubernetesClient client() {
    return admin;
  }

  /** The Kubernetes cluster: the sandbox's own server or the user's. */
  public SandboxCluster cluster() {
    return cluster;
  }

  /** The kubeconfig kubectl reaches the cluster with. */
  public Path kubeconfig() {
    return cluster.kubeconfig();
  }

  public AwsSimulator aws() {
    return aws;
  }

  public PlanetScaleSimulator planetScale() {
    return planetScale;
  }

  public BookingsDatabase database() {
    return database;
  }

  public SandboxTimings timings() {
    return timings;
  }

  public Path workDirectory() {
    return workDirectory;
  }

  /** The operator's PlanetScale service token secret; goes only into a Kubernetes Secret. */
  String tokenSecret() {
    return tokenSecret;
  }

  /**
   * Deletes the Environments of a user's cluster, stops the operator, the simulators, every
   * container and MariaDB, then stops the own Kubernetes API or removes the installation from the
   * user's cluster.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        // Keep stopping the rest: a leftover process is worse than a lost error.
        stoppedCleanly = false;
        System.err.println("envops sandbox: stopping a part failed: " + e);
      }
    }
  }

  /** False when a part failed to stop, or a user's cluster was not left as it was found. */
  public synchronized boolean stoppedCleanly() {
    return closed && stoppedCleanly;
  }

  private <T extends AutoCloseable> T remember(T part) {
    started.push(part);
    return part;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
