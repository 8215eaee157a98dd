package dev.envops.operator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.metrics.OperatorMetrics;
import dev.envops.sandbox.aws.AwsSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A steady-state resync costs no ECR call; a new or missing tag is always looked up. */
class EcrImagesTest {

  private static final Duration RECHECK = Duration.ofHours(1);

  private AwsSimulator aws;
  private AwsClients clients;
  private Instant now = Instant.parse("2026-12-01T00:00:00Z");
  private EcrImages images;
  private String repository;

  @BeforeEach
  void start() {
    aws = AwsSimulator.start();
    repository = aws.ecr().createRepository("bookings-api");
    OperatorConfig config =
        OperatorConfig.from(Map.of("ENVOPS_ECR_ENDPOINT", aws.endpoint().toString()));
    clients =
        new AwsClients(
            config,
            new OperatorMetrics(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")));
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now;
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    images = new EcrImages(clients, RECHECK, clock);
  }

  @AfterEach
  void stop() {
    clients.close();
    aws.close();
  }

  @Test
  void aResolvedTagIsTrustedUntilTheRecheckThenLookedUpAgain() throws Exception {
    String first = aws.ecr().pushImage("bookings-api", "v1");

    assertThat(images.resolveDigest(repository, "v1")).isEqualTo(first);
    String moved = aws.ecr().pushImage("bookings-api", "v1");
    now = now.plus(RECHECK).minusSeconds(1);
    assertThat(images.resolveDigest(repository, "v1")).isEqualTo(first);
    assertThat(aws.ecr().callCount("DescribeImages")).isEqualTo(1);

    now = now.plusSeconds(1);
    assertThat(images.resolveDigest(repository, "v1")).isEqualTo(moved);
    assertThat(aws.ecr().callCount("DescribeImages")).isEqualTo(2);
  }

  @Test
  void aMissingTagIsNotRememberedSoItsPushIsSeenAtOnce() throws Exception {
    assertThatThrownBy(() -> images.resolveDigest(repository, "v2"))
        .isInstanceOf(ImageNotFound.class);

    String pushed = aws.ecr().pushImage("bookings-api", "v2");

    assertThat(images.resolveDigest(repository, "v2")).isEqualTo(pushed);
  }
}
