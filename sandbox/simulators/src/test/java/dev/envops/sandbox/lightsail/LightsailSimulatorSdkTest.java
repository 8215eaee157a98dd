package dev.envops.sandbox.lightsail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.aws.SdkClients;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lightsail.LightsailClient;
import software.amazon.awssdk.services.lightsail.model.Container;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeployment;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeploymentState;
import software.amazon.awssdk.services.lightsail.model.ContainerServicePowerName;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceState;
import software.amazon.awssdk.services.lightsail.model.EndpointRequest;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;
import software.amazon.awssdk.services.lightsail.model.NotFoundException;
import software.amazon.awssdk.services.lightsail.model.Tag;

class LightsailSimulatorSdkTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private AwsSimulator simulator;
  private LightsailClient client;

  @BeforeEach
  void start() {
    simulator = AwsSimulator.start();
    simulator
        .lightsail()
        .serviceReadyDelay(Duration.ofMillis(100))
        .activationDelay(Duration.ofMillis(200));
    client = SdkClients.lightsail(simulator.endpoint());
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  @Test
  void createdServiceBecomesReadyAndADeploymentBecomesActive() {
    ContainerService created =
        client
            .createContainerService(
                request ->
                    request
                        .serviceName("bookings-qa")
                        .power(ContainerServicePowerName.NANO)
                        .scale(1)
                        .tags(Tag.builder().key("app").value("bookings").build()))
            .containerService();

    assertThat(created.state()).isEqualTo(ContainerServiceState.PENDING);
    assertThat(created.url())
        .matches("https://bookings-qa\\.[a-z0-9]+\\.us-east-1\\.cs\\.amazonlightsail\\.com/");
    assertThat(created.tags()).containsExactly(Tag.builder().key("app").value("bookings").build());
    awaitState("bookings-qa", ContainerServiceState.READY);

    ContainerService deploying =
        deploy("bookings-qa", "nginx:1.27", Map.of("LISTEN", "0.0.0.0:80"));

    assertThat(deploying.state()).isEqualTo(ContainerServiceState.DEPLOYING);
    assertThat(deploying.nextDeployment().state())
        .isEqualTo(ContainerServiceDeploymentState.ACTIVATING);
    assertThat(deploying.nextDeployment().version()).isEqualTo(1);
    ContainerService running = awaitState("bookings-qa", ContainerServiceState.RUNNING);
    assertThat(running.nextDeployment()).isNull();
    assertThat(running.currentDeployment().version()).isEqualTo(1);
    assertThat(running.currentDeployment().state())
        .isEqualTo(ContainerServiceDeploymentState.ACTIVE);
    Container container = running.currentDeployment().containers().get("app");
    assertThat(container.image()).isEqualTo("nginx:1.27");
    assertThat(container.environment()).containsEntry("LISTEN", "0.0.0.0:80");
    assertThat(container.portsAsStrings()).containsEntry("80", "HTTP");
    assertThat(running.currentDeployment().publicEndpoint().healthCheck().path())
        .isEqualTo("/health");
    assertThat(running.currentDeployment().publicEndpoint().healthCheck().successCodes())
        .isEqualTo("200-499");
  }

  @Test
  void failedDeploymentLeavesThePreviousOneServing() {
    readyService("bookings-prod");
    deploy("bookings-prod", "nginx:good", Map.of());
    awaitState("bookings-prod", ContainerServiceState.RUNNING);

    ContainerService deploying = deploy("bookings-prod", "nginx:broken", Map.of());
    assertThat(deploying.nextDeployment().version()).isEqualTo(2);

    await().atMost(WAIT).until(() -> service("bookings-prod").nextDeployment() == null);
    ContainerService after = service("bookings-prod");
    assertThat(after.state()).isEqualTo(ContainerServiceState.RUNNING);
    assertThat(after.currentDeployment().version()).isEqualTo(1);
    assertThat(after.currentDeployment().containers().get("app").image()).isEqualTo("nginx:good");
    List<ContainerServiceDeployment> deployments =
        client
            .getContainerServiceDeployments(request -> request.serviceName("bookings-prod"))
            .deployments()
            .stream()
            .sorted(Comparator.comparing(ContainerServiceDeployment::version))
            .toList();
    assertThat(deployments)
        .extracting(ContainerServiceDeployment::state)
        .containsExactly(
            ContainerServiceDeploymentState.ACTIVE, ContainerServiceDeploymentState.FAILED);
  }

  @Test
  void successfulDeploymentMakesThePreviousOneInactive() {
    readyService("svc");
    deploy("svc", "nginx:1", Map.of());
    awaitState("svc", ContainerServiceState.RUNNING);
    deploy("svc", "nginx:2", Map.of());
    await().atMost(WAIT).until(() -> service("svc").currentDeployment().version() == 2);

    assertThat(
            client
                .getContainerServiceDeployments(request -> request.serviceName("svc"))
                .deployments())
        .extracting(ContainerServiceDeployment::version, ContainerServiceDeployment::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(1, ContainerServiceDeploymentState.INACTIVE),
            org.assertj.core.groups.Tuple.tuple(2, ContainerServiceDeploymentState.ACTIVE));
  }

  @Test
  void deploymentIsRefusedWhilePendingAndWhileAnotherActivates() {
    simulator.lightsail().serviceReadyDelay(Duration.ofSeconds(30));
    client.createContainerService(
        request -> request.serviceName("pending").power(ContainerServicePowerName.MICRO).scale(1));
    assertThatThrownBy(() -> deploy("pending", "nginx:1", Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PENDING");

    simulator
        .lightsail()
        .serviceReadyDelay(Duration.ofMillis(100))
        .activationDelay(Duration.ofSeconds(30));
    readyService("busy");
    deploy("busy", "nginx:1", Map.of());
    assertThatThrownBy(() -> deploy("busy", "nginx:2", Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("DEPLOYING");
    assertThat(service("busy").nextDeployment().containers().get("app").image())
        .isEqualTo("nginx:1");
  }

  @Test
  void unknownServiceIsNotFound() {
    assertThatThrownBy(() -> client.getContainerServices(request -> request.serviceName("nope")))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((NotFoundException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(
            () -> client.getContainerServiceDeployments(request -> request.serviceName("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> deploy("nope", "nginx:1", Map.of()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.deleteContainerService(request -> request.serviceName("nope")))
        .isInstanceOf(NotFoundException.class);
    assertThat(client.getContainerServices(request -> {}).containerServices()).isEmpty();
  }

  private void readyService(String name) {
    client.createContainerService(
        request -> request.serviceName(name).power(ContainerServicePowerName.NANO).scale(1));
    awaitState(name, ContainerServiceState.READY);
  }

  private ContainerService deploy(String name, String image, Map<String, String> environment) {
    return client
        .createContainerServiceDeployment(
            request ->
                request
                    .serviceName(name)
                    .containers(
                        Map.of(
                            "app",
                            Container.builder()
                                .image(image)
                                .environment(environment)
                                .portsWithStrings(Map.of("80", "HTTP"))
                                .build()))
                    .publicEndpoint(
                        EndpointRequest.builder()
                            .containerName("app")
                            .containerPort(80)
                            .healthCheck(check -> check.path("/health"))
                            .build()))
        .containerService();
  }

  private ContainerService service(String name) {
    return client
        .getContainerServices(request -> request.serviceName(name))
        .containerServices()
        .get(0);
  }

  private ContainerService awaitState(String name, ContainerServiceState state) {
    await().atMost(WAIT).until(() -> service(name).state() == state);
    return service(name);
  }
}
