package dev.envops.sandbox.aws;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Runs the Lightsail/ECR simulator on its own until the process is stopped. */
public final class AwsSimulatorMain {

  private AwsSimulatorMain() {}

  /** Arguments: [port] (default 4566). Prints the endpoint, then serves until killed. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 4566;
    AwsSimulator simulator = AwsSimulator.start(port);
    simulator.lightsail().serviceReadyDelay(Duration.ofSeconds(2));
    simulator.lightsail().activationDelay(Duration.ofSeconds(5));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                }));
    System.out.println("Lightsail and ECR simulator listening on " + simulator.endpoint());
    stopped.await();
  }
}
