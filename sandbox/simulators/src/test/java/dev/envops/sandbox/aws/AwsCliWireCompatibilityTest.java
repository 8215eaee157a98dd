package dev.envops.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envops.sandbox.lightsail.ServiceState;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real AWS CLI (botocore's parsers and models) against the simulator. */
class AwsCliWireCompatibilityTest {

  private static AwsSimulator simulator;
  private static AwsCli cli;

  @BeforeAll
  static void start() {
    simulator = AwsSimulator.start();
    simulator
        .lightsail()
        .serviceReadyDelay(Duration.ofMillis(100))
        .activationDelay(Duration.ofMillis(100));
    Optional<AwsCli> found = AwsCli.find(simulator.endpoint());
    Assumptions.assumeTrue(
        found.isPresent(),
        "the AWS CLI ('aws') is not on PATH; install Debian's awscli to run this test");
    cli = found.get();
  }

  @AfterAll
  static void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void lightsailServiceAndDeploymentRoundTrip() throws IOException {
    JsonNode created =
        json(
            cli.run(
                "lightsail",
                "create-container-service",
                "--service-name",
                "cli-svc",
                "--power",
                "nano",
                "--scale",
                "1",
                "--tags",
                "key=app,value=bookings"));
    assertThat(created.at("/containerService/state").asText()).isEqualTo("PENDING");
    assertThat(created.at("/containerService/tags/0/value").asText()).isEqualTo("bookings");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                simulator.lightsail().service("cli-svc").orElseThrow().state()
                    == ServiceState.READY);

    JsonNode deploying =
        json(
            cli.run(
                "lightsail",
                "create-container-service-deployment",
                "--service-name",
                "cli-svc",
                "--containers",
                """
                {"app":{"image":"nginx:1.27","environment":{"LISTEN":"0.0.0.0:80"},
                "ports":{"80":"HTTP"}}}\
                """,
                "--public-endpoint",
                """
                {"containerName":"app","containerPort":80,
                "healthCheck":{"path":"/","intervalSeconds":10}}\
                """));
    assertThat(deploying.at("/containerService/nextDeployment/version").asInt()).isEqualTo(1);
    assertThat(deploying.at("/containerService/nextDeployment/state").asText())
        .isEqualTo("ACTIVATING");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                simulator.lightsail().service("cli-svc").orElseThrow().state()
                    == ServiceState.RUNNING);
    JsonNode deployments =
        json(
            cli.run("lightsail", "get-container-service-deployments", "--service-name", "cli-svc"));
    JsonNode first = deployments.at("/deployments/0");
    assertThat(first.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(first.at("/containers/app/environment/LISTEN").asText()).isEqualTo("0.0.0.0:80");
    assertThat(first.at("/publicEndpoint/healthCheck/intervalSeconds").asInt()).isEqualTo(10);
    assertThat(first.path("createdAt").asText()).isNotEmpty();

    JsonNode services =
        json(cli.run("lightsail", "get-container-services", "--service-name", "cli-svc"));
    assertThat(services.at("/containerServices/0/currentDeployment/containers/app/image").asText())
        .isEqualTo("nginx:1.27");
    assertThat(services.at("/containerServices/0/url").asText()).contains("cs.amazonlightsail.com");
  }

  @Test
  void lightsailErrorsCarryTheirModeledType() throws IOException {
    AwsCli.Result missing =
        cli.run("lightsail", "get-container-services", "--service-name", "no-such-service");

    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("NotFoundException");
  }

  @Test
  void ecrDescribeImagesResolvesATag() throws IOException {
    String digest = simulator.ecr().pushImage("bookings-api", "9f1c2ab");

    JsonNode images =
        json(
            cli.run(
                "ecr",
                "describe-images",
                "--repository-name",
                "bookings-api",
                "--image-ids",
                "imageTag=9f1c2ab"));

    assertThat(images.at("/imageDetails/0/imageDigest").asText()).isEqualTo(digest);
    assertThat(images.at("/imageDetails/0/imageTags/0").asText()).isEqualTo("9f1c2ab");
    AwsCli.Result missing =
        cli.run(
            "ecr",
            "describe-images",
            "--repository-name",
            "bookings-api",
            "--image-ids",
            "imageTag=missing");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("ImageNotFoundException");
  }

  private static JsonNode json(AwsCli.Result result) throws IOException {
    assertThat(result.exitCode()).as("aws exit code; stderr: %s", result.stderr()).isZero();
    return AwsJson.MAPPER.readTree(result.stdout());
  }
}
