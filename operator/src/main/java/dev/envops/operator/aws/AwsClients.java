package dev.envops.operator.aws;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.metrics.CloudCallMetrics;
import dev.envops.operator.metrics.OperatorMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lightsail.LightsailClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds and caches the AWS clients per region. The SDK retries nothing: its backoff would sleep in
 * the reconcile thread, and a retried write whose answer was lost could create a second deployment.
 * A failed call ends the pass; the reconciler re-reads and comes back with its own backoff.
 */
public final class AwsClients implements AutoCloseable {

  /** The RoleSessionName of every AssumeRole: CloudTrail shows envops as the caller. */
  public static final String ROLE_SESSION = "envops-operator";

  private final OperatorConfig config;
  private final OperatorMetrics metrics;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final ScheduledExecutorService scheduler;
  // The HTTP client and the scheduler are shared with the clients of assumed roles.
  private final boolean ownsTransport;
  private final List<AutoCloseable> owned;
  private final Map<String, LightsailClient> lightsail = new ConcurrentHashMap<>();
  private final Map<String, EcrClient> ecr = new ConcurrentHashMap<>();

  public AwsClients(
      OperatorConfig config, OperatorMetrics metrics, AwsCredentialsProvider credentials) {
    this(
        config,
        metrics,
        credentials,
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build(),
        timeoutScheduler(),
        true,
        List.of());
  }

  private AwsClients(
      OperatorConfig config,
      OperatorMetrics metrics,
      AwsCredentialsProvider credentials,
      SdkHttpClient http,
      ScheduledExecutorService scheduler,
      boolean ownsTransport,
      List<AutoCloseable> owned) {
    this.owned = owned;
    this.config = config;
    this.metrics = metrics;
    this.credentials = credentials;
    this.http = http;
    this.scheduler = scheduler;
    this.ownsTransport = ownsTransport;
  }

  // Each SDK client otherwise starts its own 5-thread scheduler for the attempt timeout: 200 idle
  // threads at 10 regions x 4 clients (jcmd Thread.print in the fleet benchmark).
  private static ScheduledExecutorService timeoutScheduler() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "envops-aws-timeouts");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  /** Clients with the default credential chain (environment, profile, web identity, IMDS). */
  public static AwsClients withDefaultCredentials(OperatorConfig config, OperatorMetrics metrics) {
    return new AwsClients(config, metrics, DefaultCredentialsProvider.builder().build());
  }

  /**
   * Clients acting in another account as {@code roleArn}: STS {@code AssumeRole} with these
   * clients' credentials (session {@value #ROLE_SESSION}), renewed by the SDK before they expire.
   * The caller closes them.
   */
  public AwsClients assuming(String roleArn) {
    StsClient sts =
        configure(StsClient.builder(), stsRegion(), config.stsEndpoint(), "sts").build();
    StsAssumeRoleCredentialsProvider role =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(ROLE_SESSION))
            .build();
    return new AwsClients(config, metrics, role, http, scheduler, false, List.of(role, sts));
  }

  /** STS signs in the operator's own region (AWS_REGION), us-east-1 when none is set. */
  private static String stsRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkClientException e) {
      return Region.US_EAST_1.id();
    }
  }

  /** Lightsail client in that region. */
  public LightsailClient lightsail(String region) {
    return lightsail.computeIfAbsent(
        region,
        r ->
            configure(LightsailClient.builder(), r, config.lightsailEndpoint(), "lightsail")
                .build());
  }

  /** ECR client in that region. */
  public EcrClient ecr(String region) {
    return ecr.computeIfAbsent(
        region, r -> configure(EcrClient.builder(), r, config.ecrEndpoint(), "ecr").build());
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, String region, Optional<URI> endpoint, String service) {
    builder
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(Duration.ofSeconds(30))
                .scheduledExecutorService(scheduler)
                .addExecutionInterceptor(new CloudCallMetrics(metrics, service))
                .build());
    endpoint.ifPresent(builder::endpointOverride);
    if (builder
        instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> b) {
      b.httpClient(http);
    }
    return builder;
  }

  @Override
  public void close() {
    lightsail.values().forEach(LightsailClient::close);
    ecr.values().forEach(EcrClient::close);
    if (ownsTransport) {
      http.close();
      scheduler.shutdownNow();
    }
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + resource, e);
      }
    }
  }
}
