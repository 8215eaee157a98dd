package dev.envops.operator.reconcile;

import dev.envops.operator.accounts.AccountLookup;
import dev.envops.operator.accounts.CloudAccount;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.ecr.EcrRepository;
import dev.envops.operator.ecr.ImageNotFound;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.ImageSpec;
import dev.envops.operator.environment.Phase;
import java.util.Optional;

/**
 * Step 4: resolves spec.image.tag to the digest ECR holds (one DescribeImages). A missing tag is a
 * condition retried slowly; a digest that changed under the tag already deployed is reported.
 */
public final class ImageResolveStep {

  private final OperatorConfig config;
  private final AccountLookup accounts;

  public ImageResolveStep(OperatorConfig config, AccountLookup accounts) {
    this.config = config;
    this.accounts = accounts;
  }

  /** Runs the step; its value is the image the later steps roll out. */
  public Outcome<DeployedImage> run(RolloutContext ctx) {
    ImageSpec image = ctx.spec().getImage();
    CloudAccount cloud = accounts.of(ctx.environment());
    Optional<String> otherAccount = otherAccount(ctx, cloud);
    if (otherAccount.isPresent()) {
      ctx.notReady(Phase.Failed, Reason.INVALID_SPEC, otherAccount.get());
      return Outcome.requeue(config.resyncPeriod());
    }
    String digest;
    try {
      digest = cloud.images().resolveDigest(image.getRepository(), image.getTag());
    } catch (ImageNotFound e) {
      Reason reason =
          e.missing() == ImageNotFound.Missing.REPOSITORY
              ? Reason.REPOSITORY_NOT_FOUND
              : Reason.IMAGE_NOT_FOUND;
      ctx.notReady(Phase.Pending, reason, e.getMessage());
      return Outcome.requeue(config.slowRetry());
    }
    reportDigestChange(ctx, image, digest);
    return Outcome.proceed(new DeployedImage(image.getRepository(), image.getTag(), digest));
  }

  /** Lightsail pulls only from its own account's private repositories: fail fast, no write. */
  private static Optional<String> otherAccount(RolloutContext ctx, CloudAccount cloud) {
    EcrRepository repository = EcrRepository.parse(ctx.spec().getImage().getRepository());
    return cloud
        .registry()
        .in(ctx.spec().getLightsail().getRegion())
        .filter(own -> !own.equals(repository.registryId()))
        .map(
            own ->
                "spec.image.repository: the ECR repository belongs to account "
                    + repository.registryId()
                    + " but the container service to "
                    + own
                    + " ("
                    + cloud.describe()
                    + "); Lightsail pulls only from private repositories of its"
                    + " own account and Region");
  }

  private static void reportDigestChange(RolloutContext ctx, ImageSpec image, String digest) {
    DeployedImage deployed = ctx.status().getImage();
    boolean sameTag =
        deployed != null
            && image.getRepository().equals(deployed.getRepository())
            && image.getTag().equals(deployed.getTag());
    if (sameTag && deployed.getDigest() != null && !deployed.getDigest().equals(digest)) {
      String message =
          "tag "
              + image.getTag()
              + " now resolves to "
              + digest
              + " but "
              + deployed.getDigest()
              + " was deployed; push a new tag to roll it out";
      if (ctx.condition(ConditionType.IMAGE_DIGEST_CHANGED, true, Reason.DIGEST_CHANGED, message)) {
        ctx.event(Reason.IMAGE_DIGEST_CHANGED, message);
      }
    } else {
      Conditions.remove(ctx.status(), ConditionType.IMAGE_DIGEST_CHANGED);
    }
  }
}
