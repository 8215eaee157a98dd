package dev.envops.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.lightsail.LightsailClient;
import software.amazon.awssdk.services.lightsail.model.ContainerServicePowerName;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;
import software.amazon.awssdk.services.lightsail.model.LightsailException;

class AwsFaultsSdkTest {

  private AwsSimulator simulator;
  private LightsailClient lightsail;
  private EcrClient ecr;

  @BeforeEach
  void start() {
    simulator = AwsSimulator.start();
    lightsail = SdkClients.lightsail(simulator.endpoint());
    ecr = SdkClients.ecr(simulator.endpoint());
  }

  @AfterEach
  void stop() {
    lightsail.close();
    ecr.close();
    simulator.close();
  }

  @Test
  void throttlingAsHttp400IsRetriedByTheSdk() {
    simulator.lightsail().faults().throttleNext(2);

    assertThat(lightsail.getContainerServices(request -> {}).containerServices()).isEmpty();

    assertThat(simulator.lightsail().callCount("GetContainerServices")).isEqualTo(3);
  }

  @Test
  void throttlingAsHttp429IsRetriedByTheSdk() {
    simulator.lightsail().throttleStatus(429);
    simulator.lightsail().faults().throttleNext(1);

    lightsail.getContainerServices(request -> {});

    assertThat(simulator.lightsail().callCount("GetContainerServices")).isEqualTo(2);
  }

  @Test
  void aTransientServerErrorIsRetriedByTheSdk() {
    simulator.ecr().createRepository("bookings-api");
    simulator.ecr().faults().failNext(1);

    assertThat(ecr.describeImages(request -> request.repositoryName("bookings-api")).imageDetails())
        .isEmpty();

    assertThat(simulator.ecr().callCount("DescribeImages")).isEqualTo(2);
  }

  @Test
  void persistentServerErrorsAreRetriedThenSurfaceAsTheModeledFault() {
    simulator.lightsail().faults().errorRate(1.0);

    assertThatThrownBy(() -> lightsail.getContainerServices(request -> {}))
        .isInstanceOfSatisfying(
            LightsailException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceException");
            });
    assertThat(simulator.lightsail().callCount("GetContainerServices")).isGreaterThan(1);
    assertThat(simulator.ecr().calls()).isEmpty();
  }

  @Test
  void ecrServerErrorsUseTheConfiguredStatus() {
    simulator.ecr().serverErrorStatus(503);
    simulator.ecr().faults().errorRate(1.0);
    simulator.ecr().createRepository("bookings-api");

    assertThatThrownBy(() -> ecr.describeImages(request -> request.repositoryName("bookings-api")))
        .isInstanceOfSatisfying(
            EcrException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
            });
  }

  @Test
  void latencyDelaysEveryAnswer() {
    simulator.lightsail().faults().latency(Duration.ofMillis(300), Duration.ZERO);

    long started = System.nanoTime();
    lightsail.getContainerServices(request -> {});

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void afterCallHookSeesOnlyCallsThatTookEffect() {
    List<String> seen = new CopyOnWriteArrayList<>();
    simulator.lightsail().faults().afterCall(seen::add);

    lightsail.createContainerService(
        request -> request.serviceName("svc").power(ContainerServicePowerName.NANO).scale(1));
    assertThatThrownBy(() -> lightsail.getContainerServices(request -> request.serviceName("x")))
        .isInstanceOf(LightsailException.class);

    assertThat(seen).containsExactly("CreateContainerService");
  }

  @Test
  void aThrowingHookLosesTheResponseAfterTheCallTookEffect() {
    AtomicBoolean crashed = new AtomicBoolean();
    simulator
        .lightsail()
        .faults()
        .afterCall(
            operation -> {
              if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("client crashed before reading the answer");
              }
            });

    // The SDK retries the lost answer; the retry meets the service the first attempt created.
    assertThatThrownBy(
            () ->
                lightsail.createContainerService(
                    request ->
                        request.serviceName("svc").power(ContainerServicePowerName.NANO).scale(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already exists");
    assertThat(simulator.lightsail().callCount("CreateContainerService")).isEqualTo(2);
    assertThat(simulator.lightsail().service("svc")).isPresent();
  }

  @Test
  void callsAreRecordedInOrderAndCanBeReset() {
    lightsail.getContainerServices(request -> {});
    assertThatThrownBy(
            () -> lightsail.getContainerServiceDeployments(request -> request.serviceName("none")))
        .isInstanceOf(LightsailException.class);

    assertThat(simulator.lightsail().calls())
        .containsExactly("GetContainerServices", "GetContainerServiceDeployments");
    simulator.lightsail().resetCalls();
    assertThat(simulator.lightsail().calls()).isEmpty();
  }
}
