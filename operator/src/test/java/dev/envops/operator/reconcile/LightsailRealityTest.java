package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.DeletionPolicy;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HealthCheckSpec;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.lightsail.ContainerServiceSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Regions, accounts, "absent" answers and input limits as real Lightsail and ECR have them. */
class LightsailRealityTest {

  private static final List<String> CLOUD_WRITES =
      List.of(
          "CreateContainerService",
          "UpdateContainerService",
          "CreateContainerServiceDeployment",
          "DeleteContainerService");

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create().start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void twoServicesOfOneNameInTwoRegionsAreBothRolledOut() {
    h.push("v1");
    String westRepository =
        h.ecr().createRepository(AwsSimulator.ACCOUNT_ID, "eu-west-1", OperatorHarness.REPOSITORY);
    h.ecr().pushImageAt(westRepository, "v1");
    Environment east = Environments.bookings("qa", h.repositoryUri(), "v1");
    Environment west = Environments.bookings("qa-west", westRepository, "v1");
    east.getSpec().getLightsail().setServiceName("bookings");
    west.getSpec().getLightsail().setServiceName("bookings");
    west.getSpec().getLightsail().setRegion("eu-west-1");
    h.apply(east);
    h.apply(west);

    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.awaitStatus("qa-west", s -> s.getPhase() == Phase.Ready);
    ContainerServiceSnapshot inEast = h.lightsail().service("us-east-1", "bookings").orElseThrow();
    ContainerServiceSnapshot inWest = h.lightsail().service("eu-west-1", "bookings").orElseThrow();
    assertThat(inEast.currentDeployment().orElseThrow().containers().get("qa").image())
        .startsWith(h.repositoryUri());
    assertThat(inWest.currentDeployment().orElseThrow().containers().get("qa-west").image())
        .startsWith(westRepository);
    // One grant per repository; a write refused while IAM did not know the principal yet
    // ("Principal not found", retried) is a call too, so the calls alone may be more than two.
    for (String name : List.of("qa", "qa-west")) {
      assertThat(h.events(name))
          .filteredOn(e -> "PullAccessGranted".equals(e.getReason()))
          .hasSize(1);
    }
    assertThat(h.ecr().callCount("SetRepositoryPolicy")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anImageOfAnotherRegionIsInvalidSpecWithoutACloudWrite() {
    String westRepository =
        h.ecr().createRepository(AwsSimulator.ACCOUNT_ID, "eu-west-1", OperatorHarness.REPOSITORY);
    h.ecr().pushImageAt(westRepository, "v1");
    h.apply(Environments.bookings("qa", westRepository, "v1"));

    EnvironmentStatus status =
        h.awaitStatus("qa", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));
    assertThat(status.condition("Ready").orElseThrow().getMessage())
        .startsWith("spec.image.repository:")
        .contains("eu-west-1", "us-east-1");
    assertNoCloudWrite();
  }

  @Test
  void anImageOfAnotherAccountIsInvalidSpecWithoutACloudWrite() {
    String theirs = h.ecr().createRepository("210987654321", "us-east-1", "bookings-api");
    h.ecr().pushImageAt(theirs, "v1");
    h.apply(Environments.bookings("qa", theirs, "v1"));

    EnvironmentStatus status =
        h.awaitStatus("qa", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));
    assertThat(status.condition("Ready").orElseThrow().getMessage())
        .startsWith("spec.image.repository:")
        .contains("210987654321", AwsSimulator.ACCOUNT_ID);
    assertNoCloudWrite();
  }

  @Test
  void successCodesOutsideTwoHundredToFourNinetyNineAreInvalidSpec() {
    h.push("v1");
    Environment env = Environments.bookings("qa", h.repositoryUri(), "v1");
    HealthCheckSpec health = env.getSpec().getLightsail().getHealthCheck();
    health.setSuccessCodes("200-600");
    h.apply(env);

    EnvironmentStatus status =
        h.awaitStatus("qa", s -> hasCondition(s, "Ready", "False", "InvalidSpec"));
    assertThat(status.condition("Ready").orElseThrow().getMessage())
        .startsWith("spec.lightsail.healthCheck.successCodes:")
        .contains("600");
    assertNoCloudWrite();
  }

  @Test
  void theOwnerTagFitsLightsailsLimitForTheLongestNames() {
    h.push("v1");
    String name = "e".repeat(250);
    Environment env = Environments.bookings(name, h.repositoryUri(), "v1");
    env.getSpec().getLightsail().setServiceName("long-one");
    env.getSpec().getLightsail().setContainerName("app");
    env.getSpec().getLightsail().setDeletionPolicy(DeletionPolicy.Delete);
    h.apply(env);

    h.awaitStatus(name, s -> s.getPhase() == Phase.Ready);
    ContainerServiceSnapshot service = h.lightsail().service("long-one").orElseThrow();
    assertThat(service.tags().values()).allMatch(v -> v.length() <= 256);
    assertThat(service.tags().get("envops.dev/environment")).matches("[0-9a-f]{64}");
    assertThat(service.tags())
        .containsEntry("envops.dev/namespace", OperatorHarness.NAMESPACE)
        .containsEntry("envops.dev/name", name);

    h.client().resource(h.get(name)).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.get(name) == null);
    assertThat(h.lightsail().callCount("DeleteContainerService")).isEqualTo(1);
  }

  @Test
  void invalidInputExceptionForAMissingServiceMeansAbsent() {
    h.lightsail().absentServiceError("InvalidInputException");
    h.push("v1");
    Environment env = Environments.bookings("prod", h.repositoryUri(), "v1");
    env.getSpec().getLightsail().setDeletionPolicy(DeletionPolicy.Delete);
    h.apply(env);

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(h.lightsail().callCount("CreateContainerService")).isEqualTo(1);

    h.client().resource(h.get("prod")).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("prod") == null);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> h.lightsail().service("prod-service").isEmpty());
    assertThat(h.lightsail().callCount("DeleteContainerService")).isEqualTo(1);
  }

  private void assertNoCloudWrite() {
    // A few more passes, to see that nothing is attempted later either.
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                CLOUD_WRITES.stream().mapToInt(op -> h.lightsail().callCount(op)).sum() == 0
                    && h.ecr().callCount("SetRepositoryPolicy") == 0);
    assertThat(h.lightsail().services()).isEmpty();
  }
}
