package dev.envops.operator.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.sandbox.aws.AwsSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Found by the sandbox: bookings-qa and bookings-prod reconcile in parallel, and each grants its
 * new service's puller role pull access to the one shared repository. Read, add, write lost the
 * earlier grant to the later write, and that service's first deployment FAILED ("the repository
 * policy does not grant ..."). Both tests failed before the fix.
 */
class EcrPullAccessConcurrencyTest {

  private static final String REPOSITORY = "bookings-api";
  private static final String ROLES = "arn:aws:iam::123456789012:role/amazon/lightsail/us-east-1/";
  private static final String QA_ROLE = ROLES + "containers/qa/private-repo-access/q";
  private static final String PROD_ROLE = ROLES + "containers/prod/private-repo-access/p";

  /** ECR refuses a policy naming a role IAM does not know (Principal not found). */
  private static void knownToIam(AwsSimulator aws) {
    aws.ecr().iam().add(QA_ROLE);
    aws.ecr().iam().add(PROD_ROLE);
  }

  @Test
  void twoServicesGrantedAtTheSameTimeBothKeepPullAccess() throws Exception {
    try (AwsSimulator aws = AwsSimulator.start();
        AwsClients clients = clients(aws)) {
      String repository = aws.ecr().createRepository(REPOSITORY);
      knownToIam(aws);
      // Both reads answer before either write lands, as with two reconciles on a busy machine.
      aws.ecr().faults().latency(Duration.ofMillis(300), Duration.ZERO);
      EcrPullAccess access = new EcrPullAccess(clients);
      ExecutorService reconcilers = Executors.newFixedThreadPool(2);
      try {
        List<Future<Boolean>> grants =
            List.of(
                reconcilers.submit(() -> access.ensureGranted(repository, QA_ROLE, "Qa")),
                reconcilers.submit(() -> access.ensureGranted(repository, PROD_ROLE, "Prod")));
        for (Future<Boolean> grant : grants) {
          assertThat(grant.get(30, TimeUnit.SECONDS)).isTrue();
        }
      } finally {
        reconcilers.shutdownNow();
      }

      assertThat(aws.ecr().repositoryPolicy(REPOSITORY)).contains(QA_ROLE, PROD_ROLE);
    }
  }

  @Test
  void aPolicyReplacedRightAfterTheGrantIsWrittenAgain() throws Exception {
    try (AwsSimulator aws = AwsSimulator.start();
        AwsClients clients = clients(aws)) {
      String repository = aws.ecr().createRepository(REPOSITORY);
      knownToIam(aws);
      String someoneElses =
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ci\",\"Effect\":\"Allow\","
              + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/ci\"},"
              + "\"Action\":[\"ecr:PutImage\"]}]}";
      AtomicBoolean overwritten = new AtomicBoolean();
      // Another tool writes its own policy, without our statement, just after our write.
      aws.ecr()
          .faults()
          .afterCall(
              operation -> {
                if (operation.equals("SetRepositoryPolicy") && !overwritten.getAndSet(true)) {
                  aws.ecr().repositoryPolicy(REPOSITORY, someoneElses);
                }
              });

      assertThat(new EcrPullAccess(clients).ensureGranted(repository, QA_ROLE, "Qa")).isTrue();

      assertThat(overwritten).isTrue();
      assertThat(aws.ecr().repositoryPolicy(REPOSITORY))
          .contains(QA_ROLE, "arn:aws:iam::123456789012:role/ci");
    }
  }

  private static AwsClients clients(AwsSimulator aws) {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "ENVOPS_ECR_ENDPOINT", aws.endpoint().toString(),
                "ENVOPS_LIGHTSAIL_ENDPOINT", aws.endpoint().toString()));
    return new AwsClients(
        config,
        new OperatorMetrics(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")));
  }
}
