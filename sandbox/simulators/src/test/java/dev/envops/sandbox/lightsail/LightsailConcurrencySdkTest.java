package dev.envops.sandbox.lightsail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.aws.SdkClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lightsail.LightsailClient;
import software.amazon.awssdk.services.lightsail.model.Container;
import software.amazon.awssdk.services.lightsail.model.ContainerServicePowerName;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;

class LightsailConcurrencySdkTest {

  private static final int CALLERS = 8;

  private AwsSimulator simulator;
  private LightsailClient client;
  private ExecutorService callers;

  @BeforeEach
  void start() {
    simulator = AwsSimulator.start();
    simulator.lightsail().serviceReadyDelay(Duration.ofMillis(50));
    client = SdkClients.lightsail(simulator.endpoint());
    callers = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    client.close();
    simulator.close();
  }

  @Test
  void concurrentDeploymentsToOneServiceLetExactlyOneThrough() throws Exception {
    simulator.lightsail().activationDelay(Duration.ofSeconds(30));
    client.createContainerService(
        request -> request.serviceName("svc").power(ContainerServicePowerName.NANO).scale(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> simulator.lightsail().service("svc").orElseThrow().state() == ServiceState.READY);

    List<Boolean> accepted =
        all(
            i ->
                () -> {
                  try {
                    client.createContainerServiceDeployment(
                        request ->
                            request
                                .serviceName("svc")
                                .containers(
                                    Map.of(
                                        "app", Container.builder().image("nginx:" + i).build())));
                    return true;
                  } catch (InvalidInputException e) {
                    return false;
                  }
                });

    assertThat(accepted).containsOnlyOnce(true);
    assertThat(simulator.lightsail().service("svc").orElseThrow().deployments()).hasSize(1);
  }

  @Test
  void concurrentCreatesOfDistinctServicesAllSucceed() throws Exception {
    // Above Lightsail's quota of 5 services changing at once (see LightsailQuotaSdkTest).
    simulator.lightsail().maxServicesChanging(CALLERS);
    all(
        i ->
            () ->
                client.createContainerService(
                    request ->
                        request
                            .serviceName("svc-" + i)
                            .power(ContainerServicePowerName.NANO)
                            .scale(1)));

    assertThat(client.getContainerServices(request -> {}).containerServices()).hasSize(CALLERS);
    assertThat(simulator.lightsail().callCount("CreateContainerService")).isEqualTo(CALLERS);
  }

  private <T> List<T> all(java.util.function.IntFunction<Callable<T>> call) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      Callable<T> task = call.apply(i);
      futures.add(
          callers.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }
}
