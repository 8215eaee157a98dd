package dev.envops.sandbox.lightsail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.aws.SdkClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lightsail.LightsailClient;
import software.amazon.awssdk.services.lightsail.model.Container;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServicePowerName;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceProtocol;
import software.amazon.awssdk.services.lightsail.model.EndpointRequest;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;
import software.amazon.awssdk.services.lightsail.model.NotFoundException;
import software.amazon.awssdk.services.lightsail.model.Tag;

/**
 * Regions, accounts, quotas and input limits as the Lightsail model and guide state them
 * (docs/simulators-aws.md cites each).
 */
class LightsailRealityLimitsSdkTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OTHER_ACCOUNT = "210987654321";

  private AwsSimulator simulator;
  private LightsailClient east;
  private LightsailClient west;

  @BeforeEach
  void start() {
    simulator = AwsSimulator.start();
    simulator
        .lightsail()
        .serviceReadyDelay(Duration.ofMillis(100))
        .activationDelay(Duration.ofMillis(100));
    east = SdkClients.lightsail(simulator.endpoint(), "us-east-1", "test");
    west = SdkClients.lightsail(simulator.endpoint(), "eu-west-1", "test");
  }

  @AfterEach
  void stop() {
    east.close();
    west.close();
    simulator.close();
  }

  @Test
  void serviceNamesAreUniquePerRegionAndAListShowsTheRegionsServicesOnly() {
    create(east, "svc");
    create(west, "svc");
    create(west, "only-west");

    assertThat(names(east)).containsExactly("svc");
    assertThat(names(west)).containsExactly("only-west", "svc");
    assertThat(simulator.lightsail().service("us-east-1", "svc").orElseThrow().arn())
        .startsWith("arn:aws:lightsail:us-east-1:")
        .isNotEqualTo(simulator.lightsail().service("eu-west-1", "svc").orElseThrow().arn());
    assertThatThrownBy(() -> east.getContainerServices(r -> r.serviceName("only-west")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void accountsAreKeptApart() {
    simulator.accounts().register("AKIDOTHER", OTHER_ACCOUNT);
    try (LightsailClient other =
        SdkClients.lightsail(simulator.endpoint(), "us-east-1", "AKIDOTHER")) {
      create(east, "svc");
      ContainerService theirs = create(other, "svc");

      assertThat(theirs.arn()).startsWith("arn:aws:lightsail:us-east-1:" + OTHER_ACCOUNT + ":");
      assertThat(names(other)).containsExactly("svc");
      assertThat(simulator.lightsail().service(OTHER_ACCOUNT, "us-east-1", "svc")).isPresent();
    }
  }

  @Test
  void aMissingServiceCanBeAnsweredWithInvalidInputException() {
    simulator.lightsail().absentServiceError("InvalidInputException");

    assertThatThrownBy(() -> east.getContainerServices(r -> r.serviceName("missing")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> east.deleteContainerService(r -> r.serviceName("missing")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void atMostOneHundredServicesPerRegionAndFiveChangingAtOnce() {
    simulator.lightsail().serviceReadyDelay(Duration.ofSeconds(2));
    for (int i = 0; i < 5; i++) {
      create(east, "svc-" + i);
    }
    assertThatThrownBy(() -> create(east, "svc-5"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at most 5");
    create(west, "elsewhere");
    await()
        .atMost(WAIT)
        .until(
            () ->
                simulator.lightsail().services().stream()
                    .allMatch(s -> s.state() == ServiceState.READY));
    create(east, "svc-5");

    simulator.lightsail().maxServicesChanging(1000).maxServicesPerRegion(7);
    create(east, "svc-6");
    assertThatThrownBy(() -> create(east, "svc-7"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("quota of 7");
  }

  @Test
  void inputLimitsOfTheModelAreEnforced() {
    create(east, "svc");
    await().atMost(WAIT).until(() -> state("svc") == ServiceState.READY);

    assertRejected(
        Map.of("App", container(80, ContainerServiceProtocol.HTTP)), "App", 80, "200-499");
    assertRejected(
        Map.of("app", container(80, ContainerServiceProtocol.HTTP)), "app", 80, "200-600");
    assertRejected(
        Map.of("app", container(80, ContainerServiceProtocol.TCP)), "app", 80, "200-499");
    Map<String, Container> eleven = new HashMap<>();
    for (int i = 0; i < 11; i++) {
      eleven.put("c" + i, container(80 + i, ContainerServiceProtocol.HTTP));
    }
    assertRejected(eleven, "c0", 80, "200-499");
    assertThatThrownBy(
            () ->
                east.createContainerService(
                    r ->
                        r.serviceName("tagged")
                            .power(ContainerServicePowerName.NANO)
                            .scale(1)
                            .tags(Tag.builder().key("owner").value("x".repeat(257)).build())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("256");
    assertThat(simulator.lightsail().service("svc").orElseThrow().deployments()).isEmpty();
  }

  @Test
  void errorsCarryTheModelsFieldsAndServicesTheirPrivateDomainName() {
    ContainerService created = create(east, "svc");
    assertThat(created.privateDomainName()).isEqualTo("svc.service.local");
    assertThat(created.stateDetail().codeAsString()).isEqualTo("CREATING_SYSTEM_RESOURCES");
    assertThat(created.stateDetail().message()).isNotBlank();

    assertThatThrownBy(() -> east.getContainerServices(r -> r.serviceName("missing")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.code()).isEqualTo("NotFound");
              assertThat(e.docs()).startsWith("https://");
              assertThat(e.tip()).isNotBlank();
              assertThat(e.awsErrorDetails().errorMessage()).contains("missing");
            });
  }

  @Test
  void theContainerLogTellsWhyADeploymentFailed() {
    create(east, "svc");
    await().atMost(WAIT).until(() -> state("svc") == ServiceState.READY);
    String image = simulator.ecr().repositoryUri("bookings-api") + ":v1";
    simulator.ecr().pushImage("bookings-api", "v1");
    east.createContainerServiceDeployment(
        r ->
            r.serviceName("svc")
                .containers(
                    Map.of(
                        "app",
                        container(80, ContainerServiceProtocol.HTTP).toBuilder()
                            .image(image)
                            .build()))
                .publicEndpoint(
                    EndpointRequest.builder().containerName("app").containerPort(80).build()));
    await().atMost(WAIT).until(() -> state("svc") == ServiceState.READY);

    List<String> lines =
        east.getContainerLog(r -> r.serviceName("svc").containerName("app")).logEvents().stream()
            .map(e -> e.message())
            .toList();
    assertThat(lines.get(0)).isEqualTo("[deployment:1] Creating your deployment");
    assertThat(lines).anyMatch(l -> l.contains("puller role is not active"));
    assertThat(east.getContainerLog(r -> r.serviceName("svc").containerName("other")).logEvents())
        .isEmpty();
  }

  private void assertRejected(
      Map<String, Container> containers, String endpointContainer, int port, String codes) {
    assertThatThrownBy(
            () ->
                east.createContainerServiceDeployment(
                    r ->
                        r.serviceName("svc")
                            .containers(containers)
                            .publicEndpoint(
                                EndpointRequest.builder()
                                    .containerName(endpointContainer)
                                    .containerPort(port)
                                    .healthCheck(h -> h.successCodes(codes))
                                    .build())))
        .isInstanceOf(InvalidInputException.class);
  }

  private static Container container(int port, ContainerServiceProtocol protocol) {
    return Container.builder()
        .image("nginx:1.27")
        .ports(Map.of(String.valueOf(port), protocol))
        .build();
  }

  private static ContainerService create(LightsailClient client, String name) {
    return client
        .createContainerService(
            r -> r.serviceName(name).power(ContainerServicePowerName.NANO).scale(1))
        .containerService();
  }

  private static List<String> names(LightsailClient client) {
    return client.getContainerServices(r -> {}).containerServices().stream()
        .map(ContainerService::containerServiceName)
        .toList();
  }

  private ServiceState state(String name) {
    return simulator.lightsail().service(name).orElseThrow().state();
  }
}
