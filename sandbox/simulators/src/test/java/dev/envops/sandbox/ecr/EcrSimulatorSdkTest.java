package dev.envops.sandbox.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.aws.SdkClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

class EcrSimulatorSdkTest {

  private static final String FIRST = "sha256:" + "1".repeat(64);
  private static final String SECOND = "sha256:" + "2".repeat(64);
  private static final String POLICY =
      """
      {"Version":"2008-10-17","Statement":[{"Sid":"AllowLightsailPull","Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::123456789012:role/puller"},
      "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}\
      """;

  private AwsSimulator simulator;
  private EcrSimulator ecr;
  private EcrClient client;

  @BeforeEach
  void start() {
    simulator = AwsSimulator.start();
    ecr = simulator.ecr();
    client = SdkClients.ecr(simulator.endpoint());
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  @Test
  void describeImagesResolvesATagToItsDigest() {
    ecr.putImage("bookings-api", "9f1c2ab", FIRST);

    ImageDetail detail = describeTag("bookings-api", "9f1c2ab");

    assertThat(detail.imageDigest()).isEqualTo(FIRST);
    assertThat(detail.imageTags()).containsExactly("9f1c2ab");
    assertThat(detail.repositoryName()).isEqualTo("bookings-api");
    assertThat(detail.registryId()).isEqualTo(AwsSimulator.ACCOUNT_ID);
    assertThat(detail.imagePushedAt()).isNotNull();
    assertThat(ecr.callCount("DescribeImages")).isEqualTo(1);
  }

  @Test
  void aPushUnderAnExistingTagMovesTheTag() {
    ecr.putImage("bookings-api", "qa", FIRST);
    ecr.putImage("bookings-api", "9f1c2ab", FIRST);
    ecr.putImage("bookings-api", "qa", SECOND);

    assertThat(describeTag("bookings-api", "qa").imageDigest()).isEqualTo(SECOND);
    ImageDetail old =
        client
            .describeImages(
                request ->
                    request
                        .repositoryName("bookings-api")
                        .imageIds(ImageIdentifier.builder().imageDigest(FIRST).build()))
            .imageDetails()
            .get(0);
    assertThat(old.imageTags()).containsExactly("9f1c2ab");
    assertThat(ecr.digestOf("bookings-api", "qa")).contains(SECOND);
  }

  @Test
  void describeImagesWithoutIdsListsEveryImage() {
    ecr.putImage("bookings-api", "a", FIRST);
    ecr.putImage("bookings-api", "b", SECOND);

    assertThat(
            client.describeImages(request -> request.repositoryName("bookings-api")).imageDetails())
        .extracting(ImageDetail::imageDigest)
        .containsExactly(FIRST, SECOND);
  }

  @Test
  void missingTagAndMissingRepositoryAreTheirModeledExceptions() {
    ecr.putImage("bookings-api", "qa", FIRST);

    assertThatThrownBy(() -> describeTag("bookings-api", "nope"))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> describeTag("other-repo", "qa"))
        .isInstanceOf(RepositoryNotFoundException.class)
        .hasMessageContaining("other-repo");
    assertThatThrownBy(
            () ->
                client.describeImages(
                    request ->
                        request
                            .repositoryName("bookings-api")
                            .imageIds(
                                ImageIdentifier.builder()
                                    .imageTag("qa")
                                    .imageDigest(SECOND)
                                    .build())))
        .isInstanceOf(ImageNotFoundException.class);
  }

  @Test
  void repositoryPolicyRoundTrip() {
    ecr.createRepository("bookings-api");
    assertThatThrownBy(
            () -> client.getRepositoryPolicy(request -> request.repositoryName("bookings-api")))
        .isInstanceOf(RepositoryPolicyNotFoundException.class);

    client.setRepositoryPolicy(
        request -> request.repositoryName("bookings-api").policyText(POLICY));

    assertThat(
            client
                .getRepositoryPolicy(request -> request.repositoryName("bookings-api"))
                .policyText())
        .isEqualTo(POLICY);
    assertThat(ecr.repositoryPolicy("bookings-api")).isEqualTo(POLICY);
    assertThatThrownBy(
            () ->
                client.setRepositoryPolicy(
                    request -> request.repositoryName("missing").policyText(POLICY)))
        .isInstanceOf(RepositoryNotFoundException.class);
    assertThatThrownBy(
            () ->
                client.setRepositoryPolicy(
                    request -> request.repositoryName("bookings-api").policyText("not json")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(ecr.repositoryPolicy("bookings-api")).isEqualTo(POLICY);
  }

  @Test
  void pullIsAllowedOnlyForAGrantedPrincipalAndAnExistingImage() {
    String uri = ecr.createRepository("bookings-api");
    ecr.putImage("bookings-api", "qa", FIRST);

    assertThat(denial(uri + ":qa", "arn:aws:iam::123456789012:role/puller"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("policy"));
    ecr.repositoryPolicy("bookings-api", POLICY);
    assertThat(denial(uri + ":qa", "arn:aws:iam::123456789012:role/puller")).isEmpty();
    assertThat(denial(uri + "@" + FIRST, "arn:aws:iam::123456789012:role/puller")).isEmpty();
    assertThat(denial(uri + ":missing", "arn:aws:iam::123456789012:role/puller")).isPresent();
    assertThat(denial(uri + ":qa", "arn:aws:iam::123456789012:role/other")).isPresent();
    assertThat(denial(uri + ":qa", null)).isPresent();
    assertThat(denial("nginx:latest", null)).isEmpty();
    // Lightsail pulls only from its own account's and Region's registry.
    assertThat(
            ecr.pullDenial(
                uri + ":qa", "arn:aws:iam::123456789012:role/puller", "123456789012", "eu-west-1"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("own account", "Region"));
    assertThat(
            ecr.pullDenial(
                uri + ":qa", "arn:aws:iam::123456789012:role/puller", "210987654321", "us-east-1"))
        .isPresent();
  }

  private java.util.Optional<String> denial(String image, String puller) {
    return ecr.pullDenial(image, puller, "123456789012", "us-east-1");
  }

  private ImageDetail describeTag(String repository, String tag) {
    return client
        .describeImages(
            request ->
                request
                    .repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageTag(tag).build()))
        .imageDetails()
        .get(0);
  }
}
