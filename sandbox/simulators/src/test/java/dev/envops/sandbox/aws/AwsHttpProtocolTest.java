package dev.envops.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AWS JSON 1.1 envelope, checked with a plain HTTP client. */
class AwsHttpProtocolTest {

  private AwsSimulator simulator;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    simulator = AwsSimulator.start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void answersCarryTheJsonContentTypeAndARequestId() throws Exception {
    HttpResponse<String> response = post("Lightsail_20161128.GetContainerServices", "{}", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/x-amz-json-1.1");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(json(response).path("containerServices").isArray()).isTrue();
  }

  @Test
  void errorsNameTheirTypeInBodyAndHeader() throws Exception {
    HttpResponse<String> response =
        post("Lightsail_20161128.GetContainerServices", "{\"serviceName\":\"missing\"}", null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("__type").asText()).isEqualTo("NotFoundException");
    assertThat(json(response).path("message").asText()).contains("missing");
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("NotFoundException");
  }

  @Test
  void unknownTargetsAndBrokenBodiesAreRejected() throws Exception {
    HttpResponse<String> unknownService = post("Route53_20130401.ListHostedZones", "{}", null);
    HttpResponse<String> unknownOperation =
        post("Lightsail_20161128.GetContainerImages", "{}", null);
    HttpResponse<String> brokenBody = post("Lightsail_20161128.GetContainerServices", "{", null);

    assertThat(json(unknownService).path("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(json(unknownOperation).path("__type").asText())
        .isEqualTo("UnknownOperationException");
    assertThat(brokenBody.statusCode()).isEqualTo(400);
    assertThat(json(brokenBody).path("__type").asText()).isEqualTo("SerializationException");
    assertThat(simulator.lightsail().calls()).containsExactly("GetContainerImages");
  }

  @Test
  void aServiceLivesInTheRegionOfTheCredentialScope() throws Exception {
    String authorization =
        "AWS4-HMAC-SHA256 Credential=test/20261127/eu-west-1/lightsail/"
            + "aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

    JsonNode created =
        json(
            post(
                "Lightsail_20161128.CreateContainerService",
                "{\"serviceName\":\"eu\",\"power\":\"nano\",\"scale\":1}",
                authorization));

    assertThat(created.at("/containerService/location/regionName").asText()).isEqualTo("eu-west-1");
    assertThat(created.at("/containerService/arn").asText())
        .startsWith("arn:aws:lightsail:eu-west-1:123456789012:ContainerService/");
    assertThat(created.at("/containerService/url").asText()).contains(".eu-west-1.cs.");
    assertThat(created.at("/containerService/createdAt").isNumber()).isTrue();
  }

  private HttpResponse<String> post(String target, String body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(simulator.endpoint().resolve("/"))
            .header("Content-Type", AwsJson.CONTENT_TYPE)
            .header("X-Amz-Target", target)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return AwsJson.MAPPER.readTree(response.body());
  }
}
