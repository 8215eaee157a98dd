package dev.envops.operator;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.operator.plan.PlanCommand;
import dev.envops.operator.reconcile.EndpointProbe;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the envops operator with configuration from environment variables; {@code plan ...} runs
 * {@link PlanCommand} instead.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("plan")) {
      System.exit(
          PlanCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length),
              System.getenv(),
              System.out,
              System.err));
    }
    TlsCipherPreference.apply(System.getProperties());
    OperatorConfig config = OperatorConfig.fromEnvironment();
    OperatorMetrics metrics = new OperatorMetrics();
    AwsClients aws = AwsClients.withDefaultCredentials(config, metrics);
    EndpointProbe probe = config.probeEndpoint() ? EndpointProbe.http() : EndpointProbe.disabled();
    EnvironmentOperator operator =
        EnvironmentOperator.start(
            config, new KubernetesClientBuilder().build(), true, aws, metrics, probe, "0.0.0.0");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  aws.close();
                  stopped.countDown();
                },
                "envops-shutdown"));
    stopped.await();
  }
}
