package dev.envops.sandbox.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lightsail.LightsailClient;

/** Real aws-sdk-java-v2 clients pointed at a simulator, with fake static credentials. */
public final class SdkClients {

  private static final StaticCredentialsProvider FAKE_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private SdkClients() {}

  public static LightsailClient lightsail(URI endpoint) {
    return LightsailClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(FAKE_CREDENTIALS)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** A Lightsail client of {@code region}, signing with {@code accessKeyId} (its account). */
  public static LightsailClient lightsail(URI endpoint, String region, String accessKeyId) {
    return LightsailClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** An ECR client of {@code region}, signing with {@code accessKeyId} (its account). */
  public static EcrClient ecr(URI endpoint, String region, String accessKeyId) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  public static EcrClient ecr(URI endpoint) {
    return EcrClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(FAKE_CREDENTIALS)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
