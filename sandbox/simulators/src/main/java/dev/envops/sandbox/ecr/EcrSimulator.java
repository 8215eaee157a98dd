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
import dev.envops.sandbox.aws.IamPrincipals;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated Amazon ECR: repositories per account and region (as ECR's are regional), tags moved by
 * pushes, manifests, repository policies whose principals IAM must know.
 */
public final class EcrSimulator extends AwsJsonService {

  public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern IMAGE =
      Pattern.compile("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/(.+)$");
  private static final String MANIFEST_MEDIA_TYPE =
      "application/vnd.docker.distribution.manifest.v2+json";

  private final Map<String, EcrRepository> repositories = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private final String region;
  private final IamPrincipals iam;

  public EcrSimulator() {
    this(AwsSimulator.DEFAULT_REGION, new IamPrincipals());
  }

  /**
   * A registry whose convenience methods without an account and region act in {@code region} of
   * {@link AwsSimulator#ACCOUNT_ID}; {@code iam} decides which policy principals exist.
   */
  public EcrSimulator(String region, IamPrincipals iam) {
    super(TARGET_PREFIX);
    this.region = region;
    this.iam = iam;
  }

  /** The IAM principals repository policies are checked against. */
  public IamPrincipals iam() {
    return iam;
  }

  /** Creates the repository if it does not exist yet; returns its URI. */
  public String createRepository(String name) {
    return createRepository(AwsSimulator.ACCOUNT_ID, region, name);
  }

  /** Creates the repository in that account's registry of that region; returns its URI. */
  public synchronized String createRepository(String account, String region, String name) {
    return repositories
        .computeIfAbsent(
            key(account, region, name),
            k -> new EcrRepository(account, region, name, clock.instant()))
        .uri();
  }

  /** {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME}, the form Lightsail deployments use. */
  public String repositoryUri(String name) {
    return AwsSimulator.ACCOUNT_ID + ".dkr.ecr." + region + ".amazonaws.com/" + name;
  }

  /**
   * Records a push (as CI does): the manifest {@code digest} gets {@code tag}, and the tag leaves
   * whichever image had it before. Creates the repository when missing. The image has no manifest
   * ({@code BatchGetImage} returns it without one); {@link #pushImage} makes a real one.
   */
  public synchronized void putImage(String repositoryName, String tag, String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("digest must look like sha256:<64 hex>: " + digest);
    }
    createRepository(repositoryName);
    store(
        repositories.get(key(AwsSimulator.ACCOUNT_ID, region, repositoryName)), tag, digest, null);
  }

  /** Pushes a new manifest under {@code tag} to the default registry; returns its digest. */
  public String pushImage(String repositoryName, String tag) {
    return pushImageAt(createRepository(repositoryName), tag);
  }

  /**
   * Pushes a new manifest under {@code tag} to the repository at {@code repositoryUri} (any account
   * or region; created when missing); returns its digest.
   */
  public synchronized String pushImageAt(String repositoryUri, String tag) {
    Matcher m = IMAGE.matcher(repositoryUri);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an ECR repository URI: " + repositoryUri);
    }
    createRepository(m.group(1), m.group(2), m.group(3));
    byte[] config = new byte[32];
    random.nextBytes(config);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MANIFEST_MEDIA_TYPE
            + "\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
            + "\"size\":1469,\"digest\":\"sha256:"
            + HexFormat.of().formatHex(config)
            + "\"},\"layers\":[]}";
    String digest = sha256(manifest);
    store(repositories.get(key(m.group(1), m.group(2), m.group(3))), tag, digest, manifest);
    return digest;
  }

  /** The digest {@code tag} points at, if the repository and tag exist. */
  public synchronized Optional<String> digestOf(String repositoryName, String tag) {
    return Optional.ofNullable(
            repositories.get(key(AwsSimulator.ACCOUNT_ID, region, repositoryName)))
        .flatMap(repository -> repository.byTag(tag))
        .map(image -> image.digest);
  }

  /** The repository's policy text, or null when it has none (or does not exist). */
  public synchronized String repositoryPolicy(String name) {
    EcrRepository repository = repositories.get(key(AwsSimulator.ACCOUNT_ID, region, name));
    return repository == null ? null : repository.policyText;
  }

  /** Sets (or with null removes) the policy, as an administrator would by hand. */
  public synchronized void repositoryPolicy(String name, String policyText) {
    createRepository(name);
    repositories.get(key(AwsSimulator.ACCOUNT_ID, region, name)).policyText = policyText;
  }

  /**
   * Why a Lightsail service of {@code account} in {@code serviceRegion}, whose puller role has
   * {@code pullerPrincipalArn} (null when the role is inactive or not made yet), could not pull
   * {@code image}; empty when it can, or when the image is not a private ECR one (public images).
   */
  public synchronized Optional<String> pullDenial(
      String image, String pullerPrincipalArn, String account, String serviceRegion) {
    Matcher m = IMAGE.matcher(image);
    if (!m.matches()) {
      return Optional.empty();
    }
    if (!m.group(1).equals(account) || !m.group(2).equals(serviceRegion)) {
      return Optional.of(
          "cannot pull "
              + image
              + ": Lightsail pulls only from private ECR repositories of its own account ("
              + account
              + ") and Region ("
              + serviceRegion
              + ")");
    }
    String reference = m.group(3);
    int at = reference.indexOf('@');
    int colon = reference.lastIndexOf(':');
    String name =
        at >= 0
            ? reference.substring(0, at)
            : colon >= 0 ? reference.substring(0, colon) : reference;
    if (pullerPrincipalArn == null) {
      return Optional.of(
          "cannot pull "
              + image
              + ": the ECR image puller role is not active (or its principal does not exist yet)");
    }
    EcrRepository repository = repositories.get(key(account, serviceRegion, name));
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
      case "BatchGetImage" -> batchGetImage(call);
      case "PutImage" -> putImage(call);
      case "DescribeRepositories" -> describeRepositories(call);
      case "DescribeRegistry" -> describeRegistry(call);
      case "GetRepositoryPolicy" -> getRepositoryPolicy(call);
      case "SetRepositoryPolicy" -> setRepositoryPolicy(call);
      default ->
          throw AwsErrorException.badRequest(
              "UnknownOperationException", "The simulator does not implement " + call.operation());
    };
  }

  private void store(EcrRepository repository, String tag, String digest, String manifest) {
    if (tag != null) {
      repository.images.forEach(image -> image.tags.remove(tag));
    }
    EcrImage image =
        repository
            .byDigest(digest)
            .orElseGet(
                () -> {
                  EcrImage pushed =
                      new EcrImage(
                          digest,
                          clock.instant(),
                          20_000_000L + random.nextInt(1000),
                          manifest,
                          manifest == null ? null : mediaType(manifest, null));
                  repository.images.add(pushed);
                  return pushed;
                });
    if (tag != null) {
      image.tags.add(tag);
    }
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
                    + repository.account
                    + "'"));
  }

  /** BatchGetImage: found images with their manifests, the rest as {@code failures}. */
  private JsonNode batchGetImage(AwsCall call) {
    EcrRepository repository = repository(call);
    JsonNode imageIds = call.body().path("imageIds");
    if (!imageIds.isArray() || imageIds.isEmpty() || imageIds.size() > 100) {
      throw AwsErrorException.badRequest(
          "InvalidParameterException",
          "Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must have length"
              + " between 1 and 100'");
    }
    ObjectNode response = AwsJson.object();
    ArrayNode images = response.putArray("images");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode id : imageIds) {
      String tag = id.hasNonNull("imageTag") ? id.get("imageTag").asText() : null;
      String digest = id.hasNonNull("imageDigest") ? id.get("imageDigest").asText() : null;
      Optional<EcrImage> byTag = tag == null ? Optional.empty() : repository.byTag(tag);
      Optional<EcrImage> byDigest = digest == null ? Optional.empty() : repository.byDigest(digest);
      String failureCode = null;
      String failureReason = null;
      if (tag == null && digest == null) {
        failureCode = "MissingDigestAndTag";
        failureReason = "Invalid request: neither image digest nor image tag was specified";
      } else if (digest != null && byTag.isPresent() && !byTag.get().digest.equals(digest)) {
        failureCode = "ImageTagDoesNotMatchDigest";
        failureReason = "Invalid request: image tag does not match image digest";
      } else if ((tag != null ? byTag : byDigest).isEmpty()) {
        failureCode = "ImageNotFound";
        failureReason = "Requested image not found";
      }
      if (failureCode != null) {
        ObjectNode failure = failures.addObject();
        failure.set("imageId", id.deepCopy());
        failure.put("failureCode", failureCode);
        failure.put("failureReason", failureReason);
        continue;
      }
      EcrImage image = (tag != null ? byTag : byDigest).get();
      images.add(image(repository, image, tag));
    }
    return response;
  }

  /** PutImage as {@code aws ecr put-image} sends it: the digest is the manifest's SHA-256. */
  private JsonNode putImage(AwsCall call) {
    EcrRepository repository = repository(call);
    String manifest = call.requiredText("imageManifest", "InvalidParameterException");
    JsonNode parsed;
    try {
      parsed = AwsJson.MAPPER.readTree(manifest);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject() || !parsed.has("schemaVersion")) {
      throw AwsErrorException.badRequest(
          "InvalidParameterException",
          "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON"
              + " syntax'");
    }
    String digest = sha256(manifest);
    String givenDigest = call.text("imageDigest");
    if (givenDigest != null && !givenDigest.equals(digest)) {
      throw AwsErrorException.badRequest(
          "ImageDigestDoesNotMatchException",
          "Provided digest " + givenDigest + " does not match the manifest's digest " + digest);
    }
    String tag = call.text("imageTag");
    Optional<EcrImage> existing = repository.byDigest(digest);
    if (existing.isPresent() && (tag == null || existing.get().tags.contains(tag))) {
      throw AwsErrorException.badRequest(
          "ImageAlreadyExistsException",
          "Image with digest '"
              + digest
              + "' and tag '"
              + tag
              + "' already exists in the repository with name '"
              + repository.name
              + "' in registry with id '"
              + repository.account
              + "'");
    }
    store(repository, tag, digest, manifest);
    ObjectNode response = AwsJson.object();
    EcrImage image = repository.byDigest(digest).orElseThrow();
    ObjectNode node = image(repository, image, tag);
    node.put("imageManifestMediaType", mediaType(manifest, call.text("imageManifestMediaType")));
    response.set("image", node);
    return response;
  }

  private JsonNode describeRepositories(AwsCall call) {
    String registryId = call.text("registryId");
    if (registryId != null && !registryId.equals(call.account())) {
      throw repositoryNotFound("*", registryId);
    }
    List<EcrRepository> found = new ArrayList<>();
    JsonNode names = call.body().path("repositoryNames");
    if (names.isArray() && !names.isEmpty()) {
      for (JsonNode name : names) {
        EcrRepository repository =
            repositories.get(key(call.account(), call.region(), name.asText()));
        if (repository == null) {
          throw repositoryNotFound(name.asText(), call.account());
        }
        found.add(repository);
      }
    } else {
      repositories.values().stream()
          .filter(r -> r.account.equals(call.account()) && r.region.equals(call.region()))
          .sorted(Comparator.comparing((EcrRepository r) -> r.name))
          .forEach(found::add);
    }
    ObjectNode response = AwsJson.object();
    ArrayNode list = response.putArray("repositories");
    for (EcrRepository repository : found) {
      ObjectNode node = list.addObject();
      node.put("repositoryArn", repository.arn());
      node.put("registryId", repository.account);
      node.put("repositoryName", repository.name);
      node.put("repositoryUri", repository.uri());
      node.put("createdAt", AwsJson.epochSeconds(repository.createdAt));
      node.put("imageTagMutability", "MUTABLE");
      node.putObject("imageScanningConfiguration").put("scanOnPush", false);
      node.putObject("encryptionConfiguration").put("encryptionType", "AES256");
    }
    return response;
  }

  /** DescribeRegistry: the caller's own registry (its id is the account). */
  private static JsonNode describeRegistry(AwsCall call) {
    ObjectNode response = AwsJson.object();
    response.put("registryId", call.account());
    response.putObject("replicationConfiguration").putArray("rules");
    return response;
  }

  private static ObjectNode image(EcrRepository repository, EcrImage image, String tag) {
    ObjectNode node = AwsJson.object();
    node.put("registryId", repository.account);
    node.put("repositoryName", repository.name);
    ObjectNode id = node.putObject("imageId");
    id.put("imageDigest", image.digest);
    if (tag != null) {
      id.put("imageTag", tag);
    }
    if (image.manifest != null) {
      node.put("imageManifest", image.manifest);
      node.put("imageManifestMediaType", image.manifestMediaType);
    }
    return node;
  }

  private ObjectNode imageDetail(EcrRepository repository, EcrImage image) {
    ObjectNode detail = AwsJson.object();
    detail.put("registryId", repository.account);
    detail.put("repositoryName", repository.name);
    detail.put("imageDigest", image.digest);
    List<String> tags = image.tagList();
    if (!tags.isEmpty()) {
      ArrayNode tagArray = detail.putArray("imageTags");
      tags.forEach(tagArray::add);
    }
    detail.put("imageSizeInBytes", image.sizeInBytes);
    detail.put("imagePushedAt", AwsJson.epochSeconds(image.pushedAt));
    detail.put(
        "imageManifestMediaType",
        image.manifestMediaType == null ? MANIFEST_MEDIA_TYPE : image.manifestMediaType);
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
              + repository.account
              + "'");
    }
    return policyResponse(repository);
  }

  private JsonNode setRepositoryPolicy(AwsCall call) {
    EcrRepository repository = repository(call);
    String policyText = call.requiredText("policyText", "InvalidParameterException");
    List<String> principals;
    try {
      JsonNode policy = AwsJson.MAPPER.readTree(policyText);
      if (policy == null || !policy.isObject() || !policy.has("Statement")) {
        throw new IllegalArgumentException("no Statement");
      }
      principals = RepositoryPolicies.principals(policy);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw AwsErrorException.badRequest(
          "InvalidParameterException",
          "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository"
              + " policy provided'");
    }
    if (!principals.stream().allMatch(iam::resolves)) {
      throw AwsErrorException.badRequest(
          "InvalidParameterException",
          "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Principal not found'");
    }
    repository.policyText = policyText;
    return policyResponse(repository);
  }

  private static ObjectNode policyResponse(EcrRepository repository) {
    ObjectNode response = AwsJson.object();
    response.put("registryId", repository.account);
    response.put("repositoryName", repository.name);
    response.put("policyText", repository.policyText);
    return response;
  }

  /** The named repository in the caller's registry of the request's region. */
  private EcrRepository repository(AwsCall call) {
    String name = call.requiredText("repositoryName", "InvalidParameterException");
    String registryId = call.text("registryId");
    EcrRepository repository = repositories.get(key(call.account(), call.region(), name));
    if (repository == null || (registryId != null && !registryId.equals(call.account()))) {
      throw repositoryNotFound(name, registryId == null ? call.account() : registryId);
    }
    return repository;
  }

  private static AwsErrorException repositoryNotFound(String name, String registryId) {
    return AwsErrorException.badRequest(
        "RepositoryNotFoundException",
        "The repository with name '"
            + name
            + "' does not exist in the registry with id '"
            + registryId
            + "'");
  }

  private static String mediaType(String manifest, String given) {
    if (given != null) {
      return given;
    }
    try {
      return AwsJson.MAPPER.readTree(manifest).path("mediaType").asText(MANIFEST_MEDIA_TYPE);
    } catch (JsonProcessingException e) {
      return MANIFEST_MEDIA_TYPE;
    }
  }

  private static String key(String account, String region, String name) {
    return account + "/" + region + "/" + name;
  }

  private static String sha256(String text) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
