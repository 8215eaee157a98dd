package dev.envops.sandbox.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.aws.SdkClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lightsail.LightsailClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** The real STS client against the simulator: keys of a role act in the role's account. */
class StsSimulatorSdkTest {

  private static final String ROLE = "arn:aws:iam::222222222222:role/deployers/envops";

  private AwsSimulator aws;
  private StsClient sts;

  @BeforeEach
  void start() {
    aws = AwsSimulator.start();
    sts =
        StsClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("base", "test")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  @AfterEach
  void stop() {
    sts.close();
    aws.close();
  }

  @Test
  void anAssumedRolesKeysActInTheRolesAccount() {
    aws.sts().allowRole(ROLE);
    var answer = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("envops-operator"));

    Credentials keys = answer.credentials();
    assertThat(keys.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(keys.sessionToken()).isNotBlank();
    assertThat(keys.expiration()).isAfter(java.time.Instant.now().plusSeconds(3000));
    assertThat(answer.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/envops/envops-operator");

    StsAssumeRoleCredentialsProvider role =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(r -> r.roleArn(ROLE).roleSessionName("envops-operator"))
            .build();
    try (LightsailClient lightsail =
        LightsailClient.builder()
            .endpointOverride(aws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(role)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      lightsail.createContainerService(r -> r.serviceName("web").power("nano").scale(1));
    }
    assertThat(aws.lightsail().service("222222222222", "us-east-1", "web")).isPresent();
    assertThat(aws.lightsail().service(AwsSimulator.ACCOUNT_ID, "us-east-1", "web")).isEmpty();
    // The default account's own list does not show it.
    try (LightsailClient own = SdkClients.lightsail(aws.endpoint())) {
      assertThat(own.getContainerServices(r -> {}).containerServices()).isEmpty();
    }
  }

  @Test
  void aRoleNobodyMayAssumeIsAccessDenied() {
    assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("envops")))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.awsErrorDetails().errorMessage()).contains(ROLE);
            });
  }

  @Test
  void inputsOutsideTheModelsLimitsAreValidationErrors() {
    aws.sts().allowRole(ROLE);
    assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("x")))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    assertThatThrownBy(
            () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("ok").durationSeconds(600)))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("900"));
    assertThatThrownBy(
            () -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::1:role/x").roleSessionName("ok")))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    assertThat(aws.sts().assumeRoleCount()).isEqualTo(3);
  }
}
