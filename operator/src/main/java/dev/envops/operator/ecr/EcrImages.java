package dev.envops.operator.ecr;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.aws.AwsFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Resolves an image tag to the digest ECR holds for it (one DescribeImages call), and trusts the
 * answer for {@code tagRecheck}: a steady-state resync then costs no ECR call, and a new tag is
 * always looked up.
 */
public final class EcrImages implements ImageDigests {

  /** Beyond this many remembered tags, expired ones are dropped. */
  private static final int PRUNE_ABOVE = 4096;

  private final AwsClients clients;
  private final Duration tagRecheck;
  private final Clock clock;
  private final ConcurrentMap<String, Resolved> resolved = new ConcurrentHashMap<>();

  public EcrImages(AwsClients clients, Duration tagRecheck, Clock clock) {
    this.clients = clients;
    this.tagRecheck = tagRecheck;
    this.clock = clock;
  }

  private record Resolved(String digest, Instant at) {}

  /**
   * The sha256 digest of {@code repositoryUri} at {@code tagOrDigest}, from ECR unless it was
   * resolved less than {@code tagRecheck} ago.
   *
   * @throws ImageNotFound when the tag or the repository does not exist (never remembered)
   */
  @Override
  public String resolveDigest(String repositoryUri, String tagOrDigest) throws ImageNotFound {
    String key = repositoryUri + "\n" + tagOrDigest;
    Instant now = clock.instant();
    Resolved known = resolved.get(key);
    if (known != null && now.isBefore(known.at().plus(tagRecheck))) {
      return known.digest();
    }
    String digest = describe(repositoryUri, tagOrDigest);
    if (resolved.size() > PRUNE_ABOVE) {
      resolved.values().removeIf(r -> !now.isBefore(r.at().plus(tagRecheck)));
    }
    resolved.put(key, new Resolved(digest, now));
    return digest;
  }

  private String describe(String repositoryUri, String tagOrDigest) throws ImageNotFound {
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
          ImageNotFound.Missing.IMAGE,
          "image " + tagOrDigest + " not found in ECR repository " + repo.name());
    } catch (RepositoryNotFoundException e) {
      throw new ImageNotFound(
          ImageNotFound.Missing.REPOSITORY,
          "ECR repository " + repo.name() + " not found in account " + repo.registryId());
    } catch (SdkException e) {
      throw AwsFailure.of("ecr:DescribeImages", e);
    }
    return response.imageDetails().stream()
        .map(ImageDetail::imageDigest)
        .filter(d -> d != null)
        .min(Comparator.naturalOrder())
        .orElseThrow(
            () ->
                new ImageNotFound(
                    ImageNotFound.Missing.IMAGE,
                    "image " + tagOrDigest + " not found in ECR repository " + repo.name()));
  }
}
