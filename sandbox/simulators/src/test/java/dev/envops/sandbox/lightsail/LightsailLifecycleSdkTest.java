package dev.envops.sandbox.lightsail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.aws.SdkClients;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lightsail.LightsailClient;
import software.amazon.awssdk.services.lightsail.model.Container;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeploymentRequest;
import software.amazon.awssdk.services.lightsail.model.ContainerServicePowerName;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceState;
import software.amazon.awssdk.services.lightsail.model.EndpointRequest;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;
import software.amazon.awssdk.services.lightsail.model.NotFoundException;

class LightsailLifecycleSdkTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private AwsSimulator simulator;
  private LightsailSimulator lightsail;
  private LightsailClient client;

  @BeforeEach
  void start() {
    simulator = AwsSimulator.start();
    lightsail =
        simulator
            .lightsail()
            .serviceReadyDelay(Duration.ofMillis(100))
            .activationDelay(Duration.ofMillis(100))
            .pullerRoleDelay(Duration.ofMillis(300))
            .iamPropagationDelay(Duration.ofMillis(1500));
    client = SdkClients.lightsail(simulator.endpoint());
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  @Test
  void aDeploymentGivenAtCreationActivatesOnceTheServiceIsUp() {
    ContainerService created =
        client
            .createContainerService(
                request ->
                    request
                        .serviceName("svc")
                        .power(ContainerServicePowerName.NANO)
                        .scale(2)
                        .deployment(
                            ContainerServiceDeploymentRequest.builder()
                                .containers(Map.of("web", container("nginx:1")))
                                .publicEndpoint(endpoint("web"))
                                .build()))
            .containerService();

    assertThat(created.state()).isEqualTo(ContainerServiceState.PENDING);
    assertThat(created.nextDeployment().version()).isEqualTo(1);
    await().atMost(WAIT).until(() -> state("svc") == ServiceState.RUNNING);
    ContainerServiceSnapshot running = lightsail.service("svc").orElseThrow();
    assertThat(running.scale()).isEqualTo(2);
    assertThat(running.currentDeployment().orElseThrow().version()).isEqualTo(1);
    assertThat(running.publicEndpoint().orElseThrow().containerName()).isEqualTo("web");
  }

  @Test
  void privateEcrImagesNeedTheActivePullerRoleGrantedByTheRepositoryPolicy() {
    String digest = simulator.ecr().pushImage("bookings-api", "9f1c2ab");
    String image = simulator.ecr().repositoryUri("bookings-api") + ":9f1c2ab";
    readyService("svc");
    assertThat(service("svc").privateRegistryAccess().ecrImagePullerRole().isActive()).isFalse();

    deploy("svc", image);
    await()
        .atMost(WAIT)
        .until(() -> lightsail.service("svc").orElseThrow().nextDeployment().isEmpty());
    DeploymentSnapshot denied = lightsail.service("svc").orElseThrow().deployments().get(0);
    assertThat(denied.state()).isEqualTo(DeploymentState.FAILED);
    assertThat(denied.failureMessage()).hasValueSatisfying(m -> assertThat(m).contains("puller"));
    assertThat(state("svc")).isEqualTo(ServiceState.READY);

    ContainerService updated =
        client
            .updateContainerService(
                request ->
                    request
                        .serviceName("svc")
                        .privateRegistryAccess(
                            access -> access.ecrImagePullerRole(role -> role.isActive(true))))
            .containerService();
    // The role exists only a while after activation: its principal is empty until then.
    assertThat(updated.privateRegistryAccess().ecrImagePullerRole().isActive()).isTrue();
    assertThat(updated.privateRegistryAccess().ecrImagePullerRole().principalArn()).isEmpty();
    deploy("svc", image);
    await()
        .atMost(WAIT)
        .until(() -> lightsail.service("svc").orElseThrow().nextDeployment().isEmpty());
    assertThat(lightsail.service("svc").orElseThrow().deployments().get(0).failureMessage())
        .hasValueSatisfying(message -> assertThat(message).contains("puller role is not active"));
    String puller =
        await()
            .atMost(WAIT)
            .until(
                () -> service("svc").privateRegistryAccess().ecrImagePullerRole().principalArn(),
                arn -> !arn.isEmpty());
    assertThat(puller)
        .startsWith("arn:aws:iam::" + AwsSimulator.ACCOUNT_ID + ":role/")
        .isNotEqualTo(updated.principalArn());
    deploy("svc", image);
    await()
        .atMost(WAIT)
        .until(() -> lightsail.service("svc").orElseThrow().nextDeployment().isEmpty());
    assertThat(lightsail.service("svc").orElseThrow().deployments().get(0).failureMessage())
        .hasValueSatisfying(message -> assertThat(message).contains("repository policy"));

    String policy =
        """
        {"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
        "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}\
        """
            .formatted(puller);
    try (EcrClient ecr = SdkClients.ecr(simulator.endpoint())) {
      // IAM learns the new role later still: until then ECR refuses a policy naming it.
      assertThatThrownBy(
              () ->
                  ecr.setRepositoryPolicy(
                      request -> request.repositoryName("bookings-api").policyText(policy)))
          .isInstanceOf(software.amazon.awssdk.services.ecr.model.InvalidParameterException.class)
          .hasMessageContaining(
              "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Principal not"
                  + " found'");
      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .until(
              () ->
                  ecr.setRepositoryPolicy(
                          request -> request.repositoryName("bookings-api").policyText(policy))
                      != null);
    }

    deploy("svc", image);
    await().atMost(WAIT).until(() -> state("svc") == ServiceState.RUNNING);
    assertThat(
            lightsail
                .service("svc")
                .orElseThrow()
                .currentDeployment()
                .orElseThrow()
                .containers()
                .get("app")
                .image())
        .isEqualTo(image);
    deploy("svc", simulator.ecr().repositoryUri("bookings-api") + "@" + digest);
    await()
        .atMost(WAIT)
        .until(
            () ->
                lightsail.service("svc").orElseThrow().currentDeployment().orElseThrow().version()
                    == 5);
  }

  @Test
  void capacityUpdatesPassThroughUpdatingAndBlockDeployments() {
    readyService("slow");
    readyService("fast");

    lightsail.serviceReadyDelay(Duration.ofSeconds(30));
    ContainerService updating =
        client
            .updateContainerService(
                request -> request.serviceName("slow").power(ContainerServicePowerName.MICRO))
            .containerService();
    lightsail.serviceReadyDelay(Duration.ofMillis(100));
    client.updateContainerService(request -> request.serviceName("fast").scale(3));

    assertThat(updating.state()).isEqualTo(ContainerServiceState.UPDATING);
    assertThat(updating.power()).isEqualTo(ContainerServicePowerName.MICRO);
    assertThatThrownBy(() -> deploy("slow", "nginx:1")).isInstanceOf(InvalidInputException.class);
    await().atMost(WAIT).until(() -> state("fast") == ServiceState.READY);
    assertThat(service("fast").scale()).isEqualTo(3);
    deploy("fast", "nginx:1");
  }

  @Test
  void deletedServiceIsDeletingThenGoneAndItsRuntimeStopped() {
    List<String> stopped = new CopyOnWriteArrayList<>();
    lightsail.runtime(
        new ContainerRuntime() {
          @Override
          public Activation activate(String serviceName, DeploymentSnapshot deployment) {
            return Activation.passed();
          }

          @Override
          public void stop(String serviceName) {
            stopped.add(serviceName);
          }
        });
    readyService("slow");
    readyService("fast");

    lightsail.serviceReadyDelay(Duration.ofSeconds(30));
    client.deleteContainerService(request -> request.serviceName("slow"));
    lightsail.serviceReadyDelay(Duration.ofMillis(100));
    client.deleteContainerService(request -> request.serviceName("fast"));

    assertThat(service("slow").state()).isEqualTo(ContainerServiceState.DELETING);
    assertThatThrownBy(() -> deploy("slow", "nginx:1")).isInstanceOf(InvalidInputException.class);
    await().atMost(WAIT).until(() -> lightsail.service("fast").isEmpty());
    assertThatThrownBy(() -> service("fast")).isInstanceOf(NotFoundException.class);
    await().atMost(WAIT).until(() -> stopped.size() == 2);
    assertThat(stopped).containsExactlyInAnyOrder("slow", "fast");
  }

  @Test
  void anOutOfBandDeploymentChangesImageAndEnvironmentWithoutAnApiCall() {
    readyService("svc");
    deploy("svc", "nginx:1");
    await().atMost(WAIT).until(() -> state("svc") == ServiceState.RUNNING);
    lightsail.resetCalls();

    int version = lightsail.deployOutOfBand("svc", "nginx:hotfix", Map.of("MODE", "manual"));

    assertThat(version).isEqualTo(2);
    assertThat(lightsail.calls()).isEmpty();
    await()
        .atMost(WAIT)
        .until(
            () ->
                lightsail.service("svc").orElseThrow().currentDeployment().orElseThrow().version()
                    == 2);
    Container container = service("svc").currentDeployment().containers().get("app");
    assertThat(container.image()).isEqualTo("nginx:hotfix");
    assertThat(container.environment()).containsExactly(Map.entry("MODE", "manual"));
    assertThat(container.portsAsStrings()).containsEntry("80", "HTTP");
  }

  @Test
  void theRuntimeDecidesHealthAndWhereTheServiceAnswers() {
    URI local = URI.create("http://127.0.0.1:18080/");
    lightsail.runtime(
        (name, deployment) -> {
          if (deployment.servingContainer().orElseThrow().image().endsWith(":crash")) {
            throw new IllegalStateException("process exited");
          }
          return Activation.passedAt(local);
        });
    readyService("svc");

    deploy("svc", "bookings:crash");
    await()
        .atMost(WAIT)
        .until(() -> lightsail.service("svc").orElseThrow().nextDeployment().isEmpty());
    assertThat(lightsail.service("svc").orElseThrow().deployments().get(0).state())
        .isEqualTo(DeploymentState.FAILED);

    deploy("svc", "bookings:ok");
    await().atMost(WAIT).until(() -> state("svc") == ServiceState.RUNNING);
    assertThat(service("svc").url()).isEqualTo(local.toString());
  }

  @Test
  void invalidRequestsAreInvalidInput() {
    assertThatThrownBy(
            () ->
                client.createContainerService(
                    request ->
                        request
                            .serviceName("Bad_Name")
                            .power(ContainerServicePowerName.NANO)
                            .scale(1)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                client.createContainerService(
                    request ->
                        request.serviceName("svc").power(ContainerServicePowerName.NANO).scale(21)))
        .isInstanceOf(InvalidInputException.class);
    readyService("svc");
    assertThatThrownBy(
            () ->
                client.createContainerService(
                    request ->
                        request.serviceName("svc").power(ContainerServicePowerName.NANO).scale(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(
            () ->
                client.createContainerServiceDeployment(
                    request ->
                        request
                            .serviceName("svc")
                            .containers(Map.of("app", container("nginx:1")))
                            .publicEndpoint(endpoint("other"))))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                client.createContainerServiceDeployment(
                    request ->
                        request
                            .serviceName("svc")
                            .containers(Map.of("app", container("nginx:1")))
                            .publicEndpoint(
                                EndpointRequest.builder()
                                    .containerName("app")
                                    .containerPort(8080)
                                    .build())))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                client.createContainerServiceDeployment(
                    request ->
                        request
                            .serviceName("svc")
                            .containers(Map.of("app", container("nginx:1")))
                            .publicEndpoint(
                                EndpointRequest.builder()
                                    .containerName("app")
                                    .containerPort(80)
                                    .healthCheck(check -> check.timeoutSeconds(1))
                                    .build())))
        .isInstanceOf(InvalidInputException.class);
    assertThat(lightsail.service("svc").orElseThrow().deployments()).isEmpty();
  }

  private void readyService(String name) {
    client.createContainerService(
        request -> request.serviceName(name).power(ContainerServicePowerName.NANO).scale(1));
    await().atMost(WAIT).until(() -> state(name) == ServiceState.READY);
  }

  private void deploy(String name, String image) {
    client.createContainerServiceDeployment(
        request ->
            request
                .serviceName(name)
                .containers(Map.of("app", container(image)))
                .publicEndpoint(endpoint("app")));
  }

  private static Container container(String image) {
    return Container.builder().image(image).portsWithStrings(Map.of("80", "HTTP")).build();
  }

  private static EndpointRequest endpoint(String containerName) {
    return EndpointRequest.builder().containerName(containerName).containerPort(80).build();
  }

  private ServiceState state(String name) {
    return lightsail.service(name).orElseThrow().state();
  }

  private ContainerService service(String name) {
    return client
        .getContainerServices(request -> request.serviceName(name))
        .containerServices()
        .get(0);
  }
}
