package dev.envops.operator.ecr;

import dev.envops.operator.aws.AwsClients;
import java.util.Comparator;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** Resolves an image tag to the digest ECR holds for it (one DescribeImages call). */
public final class EcrImages {

  private final AwsClients clients;

  public EcrImages(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * The sha256 digest of {@code repositoryUri} at {@code tagOrDigest}.
   *
   * @throws ImageNotFound when the tag or the repository does not exist
   */
  public String resolveDigest(String repositoryUri, String tagOrDigest) throws ImageNotFound {
    EcrRepository repo = EcrRepository.parse(repositoryUri);
    ImageIdentifier id =
        tagOrDigest.startsWith("sha256:")
            ? ImageIdentifier.builder().imageDigest(tagOrDigest).build()
            : ImageIdentifier.builder().imageTag(tagOrDigest).build();
    DescribeImagesResponse response;
    try {
      response =
          clients
              .ecr(repo.region())
              .describeImages(
                  r -> r.registryId(repo.registryId()).repositoryName(repo.name()).imageIds(id));
    } catch (ImageNotFoundException e) {
      throw new ImageNotFound(
          "ImageNotFound", "image " + tagOrDigest + " not found in ECR repository " + repo.name());
    } catch (RepositoryNotFoundException e) {
      throw new ImageNotFound(
          "RepositoryNotFound",
          "ECR repository " + repo.name() + " not found in account " + repo.registryId());
    }
    return response.imageDetails().stream()
        .map(ImageDetail::imageDigest)
        .filter(d -> d != null)
        .min(Comparator.naturalOrder())
        .orElseThrow(
            () ->
                new ImageNotFound(
                    "ImageNotFound",
                    "image " + tagOrDigest + " not found in ECR repository " + repo.name()));
  }
}
