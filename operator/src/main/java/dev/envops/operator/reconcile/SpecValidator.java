package dev.envops.operator.reconcile;

import dev.envops.operator.ecr.EcrRepository;
import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.HealthCheckSpec;
import dev.envops.operator.environment.ImageSpec;
import dev.envops.operator.environment.KubernetesNames;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.environment.MalformedSpec;
import dev.envops.operator.environment.PromotionSpec;
import dev.envops.operator.environment.SecretEnvVar;
import dev.envops.operator.environment.SecretKeyRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lightsail.LightsailClient;

/** The same rules as the CRD schema, plus the cross-field ones a schema cannot express. */
final class SpecValidator {

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  /** Regions with a Lightsail endpoint, as the AWS SDK knows them. */
  private static final List<String> LIGHTSAIL_REGIONS =
      LightsailClient.serviceMetadata().regions().stream().map(Region::id).sorted().toList();

  /** Lowest and highest health-check success code Lightsail accepts. */
  static final int SUCCESS_CODE_MIN = 200;

  static final int SUCCESS_CODE_MAX = 499;

  private SpecValidator() {}

  /** "field: problem" for the first problem found, in spec order. */
  static Optional<String> firstProblem(EnvironmentSpec spec) {
    if (spec == null) {
      return Optional.of("spec: required");
    }
    if (spec instanceof MalformedSpec malformed) {
      return Optional.of(malformed.problem());
    }
    return length("spec.gitRef", spec.getGitRef(), EnvironmentSpec.GIT_REF_MAX)
        .or(() -> image(spec.getImage()))
        .or(() -> lightsail(spec.getLightsail()))
        .or(() -> sameRegion(spec.getImage(), spec.getLightsail()))
        .or(() -> database(spec.getDatabase()))
        .or(() -> promotion(spec.getPromotion()));
  }

  private static Optional<String> promotion(PromotionSpec promotion) {
    return promotion == null || promotion.getRequireReadyIn() == null
        ? Optional.empty()
        : objectName("spec.promotion.requireReadyIn", promotion.getRequireReadyIn());
  }

  private static Optional<String> database(DatabaseSpec db) {
    if (db == null) {
      return Optional.empty();
    }
    if (blank(db.getOrganization())) {
      return Optional.of("spec.database.organization: required");
    }
    if (blank(db.getName())) {
      return Optional.of("spec.database.name: required");
    }
    if (blank(db.getBranch())) {
      return Optional.of("spec.database.branch: required");
    }
    if (blank(db.getPromoteFrom())) {
      return Optional.empty();
    }
    if (db.getPromoteFrom().equals(db.getBranch())) {
      return Optional.of("spec.database.promoteFrom: must differ from spec.database.branch");
    }
    if (db.getServiceTokenSecretRef() == null || blank(db.getServiceTokenSecretRef().getName())) {
      return Optional.of(
          "spec.database.serviceTokenSecretRef: required with promoteFrom (a Secret with keys id"
              + " and token)");
    }
    return objectName(
        "spec.database.serviceTokenSecretRef.name", db.getServiceTokenSecretRef().getName());
  }

  private static Optional<String> image(ImageSpec image) {
    if (image == null) {
      return Optional.of("spec.image: required");
    }
    return matches(
            "spec.image.repository",
            image.getRepository(),
            ImageSpec.REPOSITORY_PATTERN,
            "must be an ECR repository URI ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME")
        .or(
            () ->
                matches(
                    "spec.image.tag",
                    image.getTag(),
                    ImageSpec.TAG_PATTERN,
                    "must be a Docker tag or a sha256 digest"));
  }

  private static Optional<String> lightsail(LightsailSpec ls) {
    if (ls == null) {
      return Optional.of("spec.lightsail: required");
    }
    return matches(
            "spec.lightsail.region",
            ls.getRegion(),
            LightsailSpec.REGION_PATTERN,
            "must be an AWS region such as us-east-1")
        .or(() -> lightsailRegion(ls.getRegion()))
        .or(
            () ->
                ls.getRoleArn() == null
                    ? Optional.empty()
                    : matches(
                        "spec.lightsail.roleArn",
                        ls.getRoleArn(),
                        LightsailSpec.ROLE_ARN_PATTERN,
                        "must be an IAM role ARN such as arn:aws:iam::123456789012:role/envops"))
        .or(
            () ->
                matches(
                    "spec.lightsail.serviceName",
                    ls.getServiceName(),
                    LightsailSpec.SERVICE_NAME_PATTERN,
                    "must be 1-63 lowercase letters, digits and hyphens, starting and ending with a"
                        + " letter or digit"))
        .or(
            () ->
                matches(
                    "spec.lightsail.containerName",
                    ls.getContainerName(),
                    LightsailSpec.CONTAINER_NAME_PATTERN,
                    "must be 1-53 lowercase letters, digits and hyphens, starting and ending with a"
                        + " letter or digit"))
        .or(() -> range("spec.lightsail.containerPort", ls.getContainerPort(), 1, 65535, true))
        .or(() -> range("spec.lightsail.scale", ls.getScale(), 1, 20, false))
        .or(() -> healthCheck(ls.getHealthCheck()))
        .or(() -> env(ls.getEnv(), ls.getEnvFrom()));
  }

  /** True when region and service name are ones a container service can have. */
  static boolean namesAService(LightsailSpec ls) {
    return ls.getServiceName() != null
        && compiled(LightsailSpec.SERVICE_NAME_PATTERN).matcher(ls.getServiceName()).matches()
        && LIGHTSAIL_REGIONS.contains(ls.getRegion());
  }

  /** A region-shaped name no AWS endpoint answers would make every later call fail. */
  private static Optional<String> lightsailRegion(String region) {
    return LIGHTSAIL_REGIONS.contains(region)
        ? Optional.empty()
        : Optional.of(
            "spec.lightsail.region: Lightsail does not run in "
                + region
                + " (regions: "
                + String.join(", ", LIGHTSAIL_REGIONS)
                + ")");
  }

  private static Optional<String> healthCheck(HealthCheckSpec h) {
    if (h == null) {
      return Optional.empty();
    }
    String p = "spec.lightsail.healthCheck.";
    return range(p + "intervalSeconds", h.getIntervalSeconds(), 5, 300, false)
        .or(() -> range(p + "timeoutSeconds", h.getTimeoutSeconds(), 2, 60, false))
        .or(() -> range(p + "healthyThreshold", h.getHealthyThreshold(), 2, 10, false))
        .or(() -> range(p + "unhealthyThreshold", h.getUnhealthyThreshold(), 2, 10, false))
        .or(
            () ->
                h.getPath() == null || h.getPath().startsWith("/")
                    ? Optional.empty()
                    : Optional.of(p + "path: must start with /"))
        .or(() -> length(p + "path", h.getPath(), LightsailSpec.HEALTH_PATH_MAX))
        .or(
            () ->
                h.getSuccessCodes() == null
                    ? Optional.empty()
                    : matches(
                        p + "successCodes",
                        h.getSuccessCodes(),
                        HealthCheckSpec.SUCCESS_CODES_PATTERN,
                        "must be HTTP codes or ranges, e.g. 200-499 or 200,302"))
        .or(() -> successCodeRange(p + "successCodes", h.getSuccessCodes()));
  }

  /** Lightsail takes health-check success codes between 200 and 499 only. */
  private static Optional<String> successCodeRange(String field, String codes) {
    if (codes == null) {
      return Optional.empty();
    }
    for (String code : codes.split("[,-]")) {
      int value = Integer.parseInt(code);
      if (value < SUCCESS_CODE_MIN || value > SUCCESS_CODE_MAX) {
        return Optional.of(
            field
                + ": Lightsail accepts codes between "
                + SUCCESS_CODE_MIN
                + " and "
                + SUCCESS_CODE_MAX
                + " (got "
                + value
                + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * A Lightsail service pulls only from private ECR repositories of its own account and Region;
   * another Region's image would fail late, at activation.
   */
  private static Optional<String> sameRegion(ImageSpec image, LightsailSpec ls) {
    EcrRepository repository = EcrRepository.parse(image.getRepository());
    return repository.region().equals(ls.getRegion())
        ? Optional.empty()
        : Optional.of(
            "spec.image.repository: the ECR repository is in "
                + repository.region()
                + " but the container service in "
                + ls.getRegion()
                + " (spec.lightsail.region); Lightsail pulls only from private repositories of"
                + " its own account and Region");
  }

  private static Optional<String> env(Map<String, String> env, List<SecretEnvVar> envFrom) {
    Set<String> names = new HashSet<>();
    if (env != null) {
      if (env.size() > LightsailSpec.ENV_MAX) {
        return Optional.of(
            "spec.lightsail.env: at most "
                + LightsailSpec.ENV_MAX
                + " variables (got "
                + env.size()
                + ")");
      }
      for (Map.Entry<String, String> var : env.entrySet()) {
        String field = "spec.lightsail.env." + var.getKey();
        Optional<String> bad =
            matches(
                    field,
                    var.getKey(),
                    LightsailSpec.ENV_NAME_PATTERN,
                    "is not a valid environment variable name")
                .or(
                    () ->
                        var.getValue() == null
                            ? Optional.of(field + ": must be a string")
                            : length(field, var.getValue(), LightsailSpec.ENV_VALUE_MAX));
        if (bad.isPresent()) {
          return bad;
        }
        names.add(var.getKey());
      }
    }
    if (envFrom == null) {
      return Optional.empty();
    }
    if (envFrom.size() > LightsailSpec.ENV_MAX) {
      return Optional.of(
          "spec.lightsail.envFrom: at most "
              + LightsailSpec.ENV_MAX
              + " entries (got "
              + envFrom.size()
              + ")");
    }
    for (int i = 0; i < envFrom.size(); i++) {
      SecretEnvVar var = envFrom.get(i);
      String field = "spec.lightsail.envFrom[" + i + "]";
      if (var == null) {
        return Optional.of(field + ": must not be null");
      }
      Optional<String> bad =
          matches(
              field + ".name",
              var.getName(),
              LightsailSpec.ENV_NAME_PATTERN,
              "must be a valid environment variable name");
      if (bad.isPresent()) {
        return bad;
      }
      if (var.getSecretKeyRef() == null) {
        return Optional.of(field + ".secretKeyRef: required");
      }
      if (blank(var.getSecretKeyRef().getName())) {
        return Optional.of(field + ".secretKeyRef.name: required");
      }
      if (blank(var.getSecretKeyRef().getKey())) {
        return Optional.of(field + ".secretKeyRef.key: required");
      }
      SecretKeyRef ref = var.getSecretKeyRef();
      bad =
          objectName(field + ".secretKeyRef.name", ref.getName())
              .or(
                  () ->
                      matches(
                          field + ".secretKeyRef.key",
                          ref.getKey(),
                          KubernetesNames.SECRET_KEY_PATTERN,
                          "must be letters, digits, '-', '_' or '.'"))
              .or(
                  () ->
                      length(
                          field + ".secretKeyRef.key",
                          ref.getKey(),
                          KubernetesNames.OBJECT_NAME_MAX));
      if (bad.isPresent()) {
        return bad;
      }
      if (!names.add(var.getName())) {
        return Optional.of(field + ".name: " + var.getName() + " is already set in env or envFrom");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> matches(String field, String value, String regex, String rule) {
    if (value == null || value.isEmpty()) {
      return Optional.of(field + ": required");
    }
    return compiled(regex).matcher(value).matches()
        ? Optional.empty()
        : Optional.of(field + ": " + rule);
  }

  /** Every pass validates the spec: its patterns are compiled once, not on each match. */
  private static Pattern compiled(String regex) {
    return PATTERNS.computeIfAbsent(regex, Pattern::compile);
  }

  /** A Kubernetes object name (a Secret's, another Environment's). */
  private static Optional<String> objectName(String field, String value) {
    return matches(
            field,
            value,
            KubernetesNames.OBJECT_NAME_PATTERN,
            "must be a Kubernetes object name (lowercase letters, digits, '-' and '.')")
        .or(() -> length(field, value, KubernetesNames.OBJECT_NAME_MAX));
  }

  /** Counts characters (code points), as the API server does. */
  private static Optional<String> length(String field, String value, int max) {
    if (value == null) {
      return Optional.empty();
    }
    int length = value.codePointCount(0, value.length());
    return length > max
        ? Optional.of(field + ": longer than " + max + " characters (got " + length + ")")
        : Optional.empty();
  }

  private static Optional<String> range(
      String field, Integer value, int min, int max, boolean required) {
    if (value == null) {
      return required ? Optional.of(field + ": required") : Optional.empty();
    }
    return value < min || value > max
        ? Optional.of(field + ": must be between " + min + " and " + max + " (got " + value + ")")
        : Optional.empty();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
