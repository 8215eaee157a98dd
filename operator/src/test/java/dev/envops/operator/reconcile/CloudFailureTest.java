package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.aws.AwsFailure;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.ecr.EcrImages;
import dev.envops.operator.lightsail.LightsailDeployments;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.sandbox.aws.AwsSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.StsException;

/** A failed pass names the API from the failure itself, whatever failed last on which thread. */
class CloudFailureTest {

  private static final String REGION = AwsSimulator.DEFAULT_REGION;
  private static final String REPOSITORY =
      AwsSimulator.ACCOUNT_ID + ".dkr.ecr." + REGION + ".amazonaws.com/bookings";

  private AwsSimulator aws;
  private AwsClients clients;
  private LightsailDeployments lightsail;
  private EcrImages images;

  @BeforeEach
  void start() {
    aws = AwsSimulator.start();
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "ENVOPS_LIGHTSAIL_ENDPOINT", aws.endpoint().toString(),
                "ENVOPS_ECR_ENDPOINT", aws.endpoint().toString()));
    clients =
        new AwsClients(
            config,
            new OperatorMetrics(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")));
    lightsail = new LightsailDeployments(clients);
    images = new EcrImages(clients, Duration.ZERO, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    clients.close();
    aws.close();
  }

  @Test
  void eachFailureNamesItsOwnApiWhateverFailedLastOnTheThread() {
    aws.lightsail().faults().throttleNext(1);
    RuntimeException lightsailFailure = failure(() -> lightsail.list(REGION));
    aws.ecr().faults().failNext(1);
    RuntimeException ecrFailure = failure(() -> images.resolveDigest(REPOSITORY, "v1"));

    // ECR failed last on this thread; the Lightsail failure, classified after it, names Lightsail.
    assertThat(CloudFailure.of(lightsailFailure))
        .isEqualTo(
            new CloudFailure(
                Reason.CLOUD_THROTTLED,
                "lightsail:GetContainerServices failed: ThrottlingException (HTTP 400)",
                false));
    assertThat(CloudFailure.of(ecrFailure))
        .isEqualTo(
            new CloudFailure(
                Reason.CLOUD_UNAVAILABLE,
                "ecr:DescribeImages failed: ServerException (HTTP 500)",
                false));
  }

  @Test
  void aThrottledReadIsSentOnceAndEndsTheCallWithoutTheSdkSleepingOnIt() {
    aws.lightsail().faults().throttleNext(3);
    aws.lightsail().resetCalls();

    RuntimeException failed = failure(() -> lightsail.list(REGION));

    // The reconciler's backoff retries the pass; a retry here would sleep in its thread.
    assertThat(CloudFailure.of(failed).reason()).isEqualTo(Reason.CLOUD_THROTTLED);
    assertThat(aws.lightsail().callCount("GetContainerServices")).isEqualTo(1);
  }

  @Test
  void aFailureClassifiedOnAnotherThreadNamesTheCallThatFailed() throws Exception {
    aws.lightsail().faults().failNext(1);
    RuntimeException failed = failure(() -> lightsail.deployments(REGION, "qa-service"));

    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      CloudFailure classified =
          CompletableFuture.supplyAsync(() -> CloudFailure.of(failed), other).get();
      assertThat(classified)
          .isEqualTo(
              new CloudFailure(
                  Reason.CLOUD_UNAVAILABLE,
                  "lightsail:GetContainerServiceDeployments failed: ServiceException (HTTP 500)",
                  false));
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aRoleThatCannotBeAssumedIsNamedAsAssumeRoleWhicheverCallNeededIt() {
    StsException refused =
        (StsException)
            StsException.builder()
                .statusCode(403)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .errorMessage("not authorized to perform sts:AssumeRole")
                        .build())
                .build();
    SdkClientException noCredentials =
        SdkClientException.builder().message("Unable to load credentials").cause(refused).build();

    assertThat(CloudFailure.of(AwsFailure.of("lightsail:GetContainerServices", noCredentials)))
        .isEqualTo(
            new CloudFailure(
                Reason.ASSUME_ROLE_FAILED,
                "sts:AssumeRole failed: AccessDenied (HTTP 403): not authorized to perform"
                    + " sts:AssumeRole; the role's trust policy must let the operator's principal"
                    + " assume it",
                false));
  }

  @Test
  void noAnswerNamesTheApiAndTheClientSideError() {
    SdkClientException timeout = SdkClientException.create("connect timed out");

    assertThat(CloudFailure.of(AwsFailure.of("ecr:DescribeRegistry", timeout)))
        .isEqualTo(
            new CloudFailure(
                Reason.CLOUD_UNAVAILABLE,
                "ecr:DescribeRegistry failed: SdkClientException",
                false));
  }

  private interface Call {
    void run() throws Exception;
  }

  private static RuntimeException failure(Call call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a cloud failure, got " + e, e);
    }
    throw new AssertionError("expected the call to fail");
  }
}
