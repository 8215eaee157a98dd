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

  @Test
  void ecrPutImageWithAManifestThenBatchGetImageAndDescribeRepositories() throws Exception {
    simulator.ecr().createRepository("cli-pushed");
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
            + "\"size\":7023,\"digest\":\"sha256:"
            + "b".repeat(64)
            + "\"},\"layers\":[]}";
    String digest =
        "sha256:"
            + java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    JsonNode put =
        json(
            cli.run(
                "ecr",
                "put-image",
                "--repository-name",
                "cli-pushed",
                "--image-tag",
                "v1",
                "--image-manifest",
                manifest));
    assertThat(put.at("/image/imageId/imageDigest").asText()).isEqualTo(digest);
    assertThat(put.at("/image/imageId/imageTag").asText()).isEqualTo("v1");
    assertThat(simulator.ecr().digestOf("cli-pushed", "v1")).contains(digest);
    AwsCli.Result again =
        cli.run(
            "ecr",
            "put-image",
            "--repository-name",
            "cli-pushed",
            "--image-tag",
            "v1",
            "--image-manifest",
            manifest);
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.stderr()).contains("ImageAlreadyExistsException");

    JsonNode got =
        json(
            cli.run(
                "ecr",
                "batch-get-image",
                "--repository-name",
                "cli-pushed",
                "--image-ids",
                "imageTag=v1",
                "imageTag=missing"));
    assertThat(got.at("/images/0/imageManifest").asText()).isEqualTo(manifest);
    assertThat(got.at("/images/0/imageId/imageDigest").asText()).isEqualTo(digest);
    assertThat(got.at("/failures/0/failureCode").asText()).isEqualTo("ImageNotFound");
    assertThat(got.at("/failures/0/imageId/imageTag").asText()).isEqualTo("missing");

    JsonNode repositories =
        json(cli.run("ecr", "describe-repositories", "--repository-names", "cli-pushed"));
    assertThat(repositories.at("/repositories/0/repositoryUri").asText())
        .isEqualTo(simulator.ecr().repositoryUri("cli-pushed"));
    assertThat(repositories.at("/repositories/0/repositoryArn").asText())
        .isEqualTo("arn:aws:ecr:us-east-1:" + AwsSimulator.ACCOUNT_ID + ":repository/cli-pushed");
    AwsCli.Result otherRegion =
        cli.run(
            "ecr",
            "describe-repositories",
            "--repository-names",
            "cli-pushed",
            "--region",
            "eu-west-1");
    assertThat(otherRegion.exitCode()).isNotZero();
    assertThat(otherRegion.stderr()).contains("RepositoryNotFoundException");
  }

  @Test
  void lightsailKeepsRegionsApartAndTheContainerLogAnswers() throws IOException {
    json(
        cli.run(
            "lightsail",
            "create-container-service",
            "--service-name",
            "cli-regional",
            "--power",
            "nano",
            "--scale",
            "1"));
    json(
        cli.run(
            "lightsail",
            "create-container-service",
            "--service-name",
            "cli-regional",
            "--power",
            "nano",
            "--scale",
            "1",
            "--region",
            "eu-west-1"));
    JsonNode west = json(cli.run("lightsail", "get-container-services", "--region", "eu-west-1"));
    assertThat(west.path("containerServices")).hasSize(1);
    assertThat(west.at("/containerServices/0/location/regionName").asText()).isEqualTo("eu-west-1");
    assertThat(west.at("/containerServices/0/privateDomainName").asText())
        .isEqualTo("cli-regional.service.local");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                simulator.lightsail().service("us-east-1", "cli-regional").orElseThrow().state()
                    == ServiceState.READY);
    json(
        cli.run(
            "lightsail",
            "create-container-service-deployment",
            "--service-name",
            "cli-regional",
            "--containers",
            "{\"web\":{\"image\":\"nginx:1.27\",\"ports\":{\"80\":\"HTTP\"}}}",
            "--public-endpoint",
            "{\"containerName\":\"web\",\"containerPort\":80}"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                simulator.lightsail().service("us-east-1", "cli-regional").orElseThrow().state()
                    == ServiceState.RUNNING);

    JsonNode log =
        json(
            cli.run(
                "lightsail",
                "get-container-log",
                "--service-name",
                "cli-regional",
                "--container-name",
                "web"));
    assertThat(log.at("/logEvents/0/message").asText())
        .isEqualTo("[deployment:1] Creating your deployment");
    assertThat(log.at("/logEvents/0/createdAt").asText()).isNotEmpty();
    assertThat(log.path("logEvents").toString()).contains("Reached a steady state");
  }

  private static JsonNode json(AwsCli.Result result) throws IOException {
    assertThat(result.exitCode()).as("aws exit code; stderr: %s", result.stderr()).isZero();
    return AwsJson.MAPPER.readTree(result.stdout());
  }
}
