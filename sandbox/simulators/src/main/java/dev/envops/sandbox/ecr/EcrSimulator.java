package dev.envops.sandbox.ecr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.sandbox.aws.AwsCall;
import dev.envops.sandbox.aws.AwsErrorException;
import dev.envops.sandbox.aws.AwsJson;
import dev.envops.sandbox.aws.AwsJsonService;
import dev.envops.sandbox.aws.AwsSimulator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Simulated Amazon ECR: repositories, tags moved by CI pushes, repository policies. */
public final class EcrSimulator extends AwsJsonService {

  public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final String MANIFEST_MEDIA_TYPE =
      "application/vnd.docker.distribution.manifest.v2+json";

  private final Map<String, EcrRepository> repositories = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private final String region;

  public EcrSimulator() {
    this(AwsSimulator.DEFAULT_REGION);
  }

  public EcrSimulator(String region) {
    super(TARGET_PREFIX);
    this.region = region;
  }

  /** Creates the repository if it does not exist yet; returns its URI. */
  public synchronized String createRepository(String name) {
    repositories.computeIfAbsent(name, n -> new EcrRepository(n, clock.instant()));
    return repositoryUri(name);
  }

  /** {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME}, the form Lightsail deployments use. */
  public String repositoryUri(String name) {
    return AwsSimulator.ACCOUNT_ID + ".dkr.ecr." + region + ".amazonaws.com/" + name;
  }

  /**
   * Records a push (as CI does): the manifest {@code digest} gets {@code tag}, and the tag leaves
   * whichever image had it before. Creates the repository when missing.
   */
  public synchronized void putImage(String repositoryName, String tag, String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("digest must look like sha256:<64 hex>: " + digest);
    }
    createRepository(repositoryName);
    EcrRepository repository = repositories.get(repositoryName);
    repository.images.forEach(image -> image.tags.remove(tag));
    EcrImage image =
        repository
            .byDigest(digest)
            .orElseGet(
                () -> {
                  EcrImage pushed =
                      new EcrImage(digest, clock.instant(), 20_000_000L + random.nextInt(1000));
                  repository.images.add(pushed);
                  return pushed;
                });
    image.tags.add(tag);
  }

  /** Pushes a new random manifest under {@code tag}; returns its digest. */
  public String pushImage(String repositoryName, String tag) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String digest = "sha256:" + HexFormat.of().formatHex(bytes);
    putImage(repositoryName, tag, digest);
    return digest;
  }

  /** The digest {@code tag} points at, if the repository and tag exist. */
  public synchronized Optional<String> digestOf(String repositoryName, String tag) {
    return Optional.ofNullable(repositories.get(repositoryName))
        .flatMap(repository -> repository.byTag(tag))
        .map(image -> image.digest);
  }

  /** The repository's policy text, or null when it has none (or does not exist). */
  public synchronized String repositoryPolicy(String name) {
    EcrRepository repository = repositories.get(name);
    return repository == null ? null : repository.policyText;
  }

  /** Sets (or with null removes) the policy, as an administrator would by hand. */
  public synchronized void repositoryPolicy(String name, String policyText) {
    createRepository(name);
    repositories.get(name).policyText = policyText;
  }

  /**
   * Why a Lightsail service whose puller role has {@code pullerPrincipalArn} (null when the role is
   * inactive) could not pull {@code image}; empty when it can, or when the image is not in this
   * simulated registry (public images, other accounts).
   */
  public synchronized Optional<String> pullDenial(String image, String pullerPrincipalArn) {
    String prefix = AwsSimulator.ACCOUNT_ID + ".dkr.ecr." + region + ".amazonaws.com/";
    if (!image.startsWith(prefix)) {
      return Optional.empty();
    }
    String reference = image.substring(prefix.length());
    int at = reference.indexOf('@');
    int colon = reference.lastIndexOf(':');
    String name =
        at >= 0
            ? reference.substring(0, at)
            : colon >= 0 ? reference.substring(0, colon) : reference;
    if (pullerPrincipalArn == null) {
      return Optional.of("cannot pull " + image + ": the ECR image puller role is not active");
    }
    EcrRepository repository = repositories.get(name);
    if (repository == null) {
      return Optional.of("cannot pull " + image + ": repository " + name + " does not exist");
    }
    if (repository.policyText == null
        || !RepositoryPolicies.allowsPull(repository.policyText, pullerPrincipalArn)) {
      return Optional.of(
          "cannot pull "
              + image
              + ": the repository policy does not grant "
              + pullerPrincipalArn
              + " ecr:BatchGetImage and ecr:GetDownloadUrlForLayer");
    }
    Optional<EcrImage> found =
        at >= 0
            ? repository.byDigest(reference.substring(at + 1))
            : repository.byTag(colon >= 0 ? reference.substring(colon + 1) : "latest");
    return found.isPresent()
        ? Optional.empty()
        : Optional.of("cannot pull " + image + ": manifest unknown");
  }

  @Override
  protected String serverErrorType() {
    return "ServerException";
  }

  @Override
  protected synchronized JsonNode handle(AwsCall call) {
    return switch (call.operation()) {
      case "DescribeImages" -> describeImages(call);
      case "GetRepositoryPolicy" -> getRepositoryPolicy(call);
      case "SetRepositoryPolicy" -> setRepositoryPolicy(call);
      default ->
          throw AwsErrorException.badRequest(
              "UnknownOperationException", "The simulator does not implement " + call.operation());
    };
  }

  private JsonNode describeImages(AwsCall call) {
    EcrRepository repository = repository(call);
    JsonNode imageIds = call.body().path("imageIds");
    Set<EcrImage> found = new LinkedHashSet<>();
    if (imageIds.isArray() && !imageIds.isEmpty()) {
      for (JsonNode id : imageIds) {
        found.add(findImage(repository, id));
      }
    } else {
      String tagStatus = call.body().path("filter").path("tagStatus").asText("ANY");
      for (EcrImage image : repository.images) {
        boolean tagged = !image.tags.isEmpty();
        if ("ANY".equals(tagStatus) || tagged == "TAGGED".equals(tagStatus)) {
          found.add(image);
        }
      }
    }
    ObjectNode response = AwsJson.object();
    ArrayNode details = response.putArray("imageDetails");
    found.forEach(image -> details.add(imageDetail(repository, image)));
    return response;
  }

  private EcrImage findImage(EcrRepository repository, JsonNode id) {
    String tag = id.hasNonNull("imageTag") ? id.get("imageTag").asText() : null;
    String digest = id.hasNonNull("imageDigest") ? id.get("imageDigest").asText() : null;
    if (tag == null && digest == null) {
      throw AwsErrorException.badRequest(
          "InvalidParameterException", "Invalid parameter: imageId must have a tag or digest");
    }
    Optional<EcrImage> image = tag != null ? repository.byTag(tag) : repository.byDigest(digest);
    if (digest != null) {
      image = image.filter(found -> found.digest.equals(digest));
    }
    return image.orElseThrow(
        () ->
            AwsErrorException.badRequest(
                "ImageNotFoundException",
                "The image with imageId {imageDigest:'"
                    + digest
                    + "', imageTag:'"
                    + tag
                    + "'} does not exist within the repository with name '"
                    + repository.name
                    + "' in the registry with id '"
                    + AwsSimulator.ACCOUNT_ID
                    + "'"));
  }

  private ObjectNode imageDetail(EcrRepository repository, EcrImage image) {
    ObjectNode detail = AwsJson.object();
    detail.put("registryId", AwsSimulator.ACCOUNT_ID);
    detail.put("repositoryName", repository.name);
    detail.put("imageDigest", image.digest);
    List<String> tags = image.tagList();
    if (!tags.isEmpty()) {
      ArrayNode tagArray = detail.putArray("imageTags");
      tags.forEach(tagArray::add);
    }
    detail.put("imageSizeInBytes", image.sizeInBytes);
    detail.put("imagePushedAt", AwsJson.epochSeconds(image.pushedAt));
    detail.put("imageManifestMediaType", MANIFEST_MEDIA_TYPE);
    detail.put("imageStatus", "ACTIVE");
    return detail;
  }

  private JsonNode getRepositoryPolicy(AwsCall call) {
    EcrRepository repository = repository(call);
    if (repository.policyText == null) {
      throw AwsErrorException.badRequest(
          "RepositoryPolicyNotFoundException",
          "Repository policy does not exist for the repository with name '"
              + repository.name
              + "' in the registry with id '"
              + AwsSimulator.ACCOUNT_ID
              + "'");
    }
    return policyResponse(repository);
  }

  private JsonNode setRepositoryPolicy(AwsCall call) {
    EcrRepository repository = repository(call);
    String policyText = call.requiredText("policyText", "InvalidParameterException");
    try {
      JsonNode policy = AwsJson.MAPPER.readTree(policyText);
      if (policy == null || !policy.isObject() || !policy.has("Statement")) {
        throw new IllegalArgumentException("no Statement");
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw AwsErrorException.badRequest(
          "InvalidParameterException",
          "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository"
              + " policy provided'");
    }
    repository.policyText = policyText;
    return policyResponse(repository);
  }

  private static ObjectNode policyResponse(EcrRepository repository) {
    ObjectNode response = AwsJson.object();
    response.put("registryId", AwsSimulator.ACCOUNT_ID);
    response.put("repositoryName", repository.name);
    response.put("policyText", repository.policyText);
    return response;
  }

  private EcrRepository repository(AwsCall call) {
    String name = call.requiredText("repositoryName", "InvalidParameterException");
    String registryId = call.text("registryId");
    EcrRepository repository = repositories.get(name);
    if (repository == null || (registryId != null && !registryId.equals(AwsSimulator.ACCOUNT_ID))) {
      throw AwsErrorException.badRequest(
          "RepositoryNotFoundException",
          "The repository with name '"
              + name
              + "' does not exist in the registry with id '"
              + (registryId == null ? AwsSimulator.ACCOUNT_ID : registryId)
              + "'");
    }
    return repository;
  }
}
