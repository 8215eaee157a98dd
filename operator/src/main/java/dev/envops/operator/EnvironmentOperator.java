package dev.envops.operator;

import dev.envops.operator.accounts.CloudAccounts;
import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.events.KubernetesEventRecorder;
import dev.envops.operator.metrics.HealthServer;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import dev.envops.operator.planetscale.PlanetScaleClients;
import dev.envops.operator.reconcile.EndpointProbe;
import dev.envops.operator.reconcile.EnvironmentReconciler;
import dev.envops.operator.reconcile.LeanCache;
import dev.envops.operator.reconcile.ReadOnlyStateCloner;
import dev.envops.operator.reconcile.RolloutPass;
import dev.envops.operator.reconcile.ServiceDeletion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the reconciler, its cloud clients, leader election and the health server, and runs them.
 */
public final class EnvironmentOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentOperator.class);

  private final Operator operator;
  private final HealthServer health;
  private final OperatorMetrics metrics;
  private final CloudAccounts accounts;

  private EnvironmentOperator(
      Operator operator, HealthServer health, OperatorMetrics metrics, CloudAccounts accounts) {
    this.operator = operator;
    this.health = health;
    this.metrics = metrics;
    this.accounts = accounts;
  }

  /**
   * Starts the operator.
   *
   * @param client the Kubernetes client (closed on stop only when {@code ownsClient})
   * @param aws the cloud clients (closed by the caller)
   * @param probe how Ready checks the public endpoint
   * @param metricsHost the address /metrics, /healthz and /readyz bind to
   */
  public static EnvironmentOperator start(
      OperatorConfig config,
      KubernetesClient client,
      boolean ownsClient,
      AwsClients aws,
      OperatorMetrics metrics,
      EndpointProbe probe,
      String metricsHost)
      throws IOException {
    // Unregistered, every watch event's object is parsed into a GenericKubernetesResource and then
    // converted to an Environment: a second deserialization of each change (12 of a bulk bump's
    // 206 samples in the fleet benchmark's profile, the parse itself 17).
    client.getKubernetesSerialization().registerKubernetesResource(Environment.class);
    AtomicBoolean leading = new AtomicBoolean(!config.leaderElection());
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(ownsClient)
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withResourceCloner(new ReadOnlyStateCloner(client.getKubernetesSerialization()))
                  .withUseSSAToPatchPrimaryResource(config.serverSideApply())
                  .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply());
              if (config.leaderElection()) {
                var election =
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            config.leaseName())
                        .withExitOnStopLeading(config.exitOnLostLeadership())
                        .withLeaderCallbacks(
                            new LeaderCallbacks(
                                () -> leading.set(true), () -> leading.set(false), id -> {}));
                config.leaseNamespace().ifPresent(election::withLeaseNamespace);
                o.withLeaderElectionConfiguration(election.build());
              }
            });
    var events = new KubernetesEventRecorder(client);
    var planetScaleBudget =
        new PlanetScaleBudget(config.planetScaleBudget(), config.planetScaleBudgetWindow());
    metrics.planetScaleBudget(planetScaleBudget);
    var accounts = new CloudAccounts(config, aws, Clock.systemUTC());
    var reconciler =
        new EnvironmentReconciler(
            config,
            RolloutPass.standard(
                config,
                accounts,
                PlanetScaleClients.create(config.planetScaleApiUrl(), planetScaleBudget),
                probe,
                metrics),
            new ServiceDeletion(accounts, events, config.namespaceRoles()),
            events,
            metrics,
            Clock.systemUTC(),
            planetScaleBudget);
    operator.register(
        reconciler,
        o -> {
          if (config.namespaces().isEmpty()) {
            o.watchingAllNamespaces();
          } else {
            o.settingNamespaces(config.namespaces());
          }
          o.withReconciliationMaxInterval(config.resyncPeriod().multipliedBy(2));
          o.withItemStore(LeanCache.store());
          config.labelSelector().ifPresent(o::withLabelSelector);
        });
    HealthServer health =
        HealthServer.start(
            metricsHost,
            config.metricsPort(),
            metrics,
            () -> true,
            () -> {
              var runtime = operator.getRuntimeInfo();
              return runtime.isStarted() && (!leading.get() || runtime.allEventSourcesAreHealthy());
            });
    operator.start();
    LOG.info(
        "envops operator started: namespaces={}, label selector={}, leader election={},"
            + " metrics port={}",
        config.namespaces().isEmpty() ? "all" : config.namespaces(),
        config.labelSelector().orElse("(none)"),
        config.leaderElection(),
        health.port());
    return new EnvironmentOperator(operator, health, metrics, accounts);
  }

  /** Port of /metrics, /healthz and /readyz. */
  public int healthPort() {
    return health.port();
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    try {
      operator.stop();
    } finally {
      health.close();
      accounts.close();
    }
  }
}
