package dev.envops.operator.lightsail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.sandbox.aws.AwsSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Reads per region at rest, fresh reads around writes, and the deployments list remembered. */
class ContainerServicesTest {

  private static final Duration RESYNC = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final String EAST = "us-east-1";
  private static final String WEST = "eu-west-1";
  private static final String REGION_READ = "GetContainerServices";

  private AwsSimulator aws;
  private AwsClients clients;
  private Instant now = Instant.parse("2026-12-02T00:00:00Z");
  private ContainerServices services;

  @BeforeEach
  void start() {
    aws = AwsSimulator.start();
    aws.lightsail()
        .serviceReadyDelay(Duration.ZERO)
        .activationDelay(Duration.ofSeconds(30)) // deployments stay activating throughout
        .requireEcrPullAccess(false);
    OperatorConfig config =
        OperatorConfig.from(Map.of("ENVOPS_LIGHTSAIL_ENDPOINT", aws.endpoint().toString()));
    clients =
        new AwsClients(
            config,
            new OperatorMetrics(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")));
    services = new ContainerServices(new LightsailDeployments(clients), clock(), RESYNC, POLL);
  }

  @AfterEach
  void stop() {
    clients.close();
    aws.close();
  }

  @Test
  void atRestOneReadPerRegionAnswersEveryServiceForAResync() {
    List<String> east = List.of("a1", "a2", "a3", "a4", "a5");
    List<String> west = List.of("b1", "b2", "b3");
    east.forEach(name -> create(EAST, name));
    west.forEach(name -> create(WEST, name));
    awaitReady(8);
    now = now.plus(RESYNC).plusSeconds(1);
    aws.lightsail().resetCalls();

    east.forEach(name -> assertThat(services.steady(EAST, name).service()).isPresent());
    west.forEach(name -> assertThat(services.steady(WEST, name).service()).isPresent());

    assertThat(aws.lightsail().regionWideReads())
        .containsExactly(
            AwsSimulator.ACCOUNT_ID + "/" + EAST, AwsSimulator.ACCOUNT_ID + "/" + WEST);
    assertThat(aws.lightsail().callCount(REGION_READ)).isEqualTo(2);

    now = now.plus(RESYNC).minusSeconds(2);
    east.forEach(name -> services.steady(EAST, name));
    assertThat(aws.lightsail().callCount(REGION_READ)).as("within a resync").isEqualTo(2);

    now = now.plusSeconds(3);
    east.forEach(name -> services.steady(EAST, name));
    assertThat(aws.lightsail().regionWideReads()).hasSize(3);
  }

  @Test
  void aServiceWrittenIsReadAgainAndNotFromTheSharedView() {
    create(EAST, "a1");
    create(EAST, "a2");
    awaitReady(2);
    now = now.plus(RESYNC).plusSeconds(1);
    services.steady(EAST, "a1");
    aws.lightsail().resetCalls();

    services.deploy(EAST, "a1", desired("repo:v1"));
    ContainerServices.Observation after = services.steady(EAST, "a1");

    assertThat(after.steady()).isFalse();
    assertThat(after.service().orElseThrow().nextDeployment()).isNotNull();
    assertThat(aws.lightsail().callCount(REGION_READ)).as("one by-name read").isEqualTo(1);
    assertThat(aws.lightsail().regionWideReads()).isEmpty();
    // The other service, at rest, still comes from the shared view.
    assertThat(services.steady(EAST, "a2").steady()).isTrue();
    assertThat(aws.lightsail().callCount(REGION_READ)).isEqualTo(1);
  }

  @Test
  void servicesMovingTogetherShareOneRegionRead() {
    List<String> names = List.of("a1", "a2", "a3", "a4");
    names.forEach(name -> create(EAST, name));
    awaitReady(4);
    now = now.plusSeconds(5);
    names.forEach(name -> services.deploy(EAST, name, desired("repo:v1")));
    aws.lightsail().resetCalls();

    now = now.plus(POLL);
    names.forEach(
        name ->
            assertThat(services.current(EAST, name).service().orElseThrow().nextDeployment())
                .isNotNull());

    assertThat(aws.lightsail().regionWideReads()).hasSize(1);
    assertThat(aws.lightsail().callCount(REGION_READ)).isEqualTo(1);
  }

  @Test
  void aServiceMissingFromTheRegionsListIsAbsentWithoutAnotherCall() {
    create(EAST, "a1");
    awaitReady(1);
    now = now.plus(RESYNC).plusSeconds(1);
    aws.lightsail().resetCalls();

    assertThat(services.steady(EAST, "nope").service()).isEmpty();
    assertThat(services.current(EAST, "nope").service()).isEmpty();

    assertThat(aws.lightsail().callCount(REGION_READ)).isEqualTo(1);
  }

  @Test
  void theDeploymentsListIsReadOnlyWhenAFailedAttemptOfTheRevisionCanBeThere() {
    create(EAST, "a1");
    awaitReady(1);
    DesiredDeployment v1 = desired("repo:v1");
    DesiredDeployment v2 = desired("repo:v2");

    assertThat(services.failedAttempt(EAST, "a1", v1, 0)).isEmpty();
    assertThat(services.failedAttempt(EAST, "a1", v1, 0)).isEmpty();
    assertThat(aws.lightsail().callCount("GetContainerServiceDeployments"))
        .as("first look since start, then remembered")
        .isEqualTo(1);

    services.deploy(EAST, "a1", v1);
    assertThat(services.failedAttempt(EAST, "a1", v2, 0)).isEmpty();
    assertThat(aws.lightsail().callCount("GetContainerServiceDeployments")).isEqualTo(1);
    services.failedAttempt(EAST, "a1", v1, 0);
    assertThat(aws.lightsail().callCount("GetContainerServiceDeployments"))
        .as("v1 was deployed since: it may have failed")
        .isEqualTo(2);
  }

  private void create(String region, String name) {
    services.create(region, name, "nano", 1, Map.of());
  }

  private void awaitReady(int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                aws.lightsail().services().stream()
                        .filter(s -> s.state().name().equals("READY"))
                        .count()
                    == count);
  }

  private static DesiredDeployment desired(String image) {
    return new DesiredDeployment("app", image, Map.of(), 8080, null);
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public Instant instant() {
        return now;
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
  }
}
