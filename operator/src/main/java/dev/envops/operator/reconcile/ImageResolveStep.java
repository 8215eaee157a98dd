package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.ecr.EcrImages;
import dev.envops.operator.ecr.ImageNotFound;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.ImageSpec;
import dev.envops.operator.environment.Phase;

/**
 * Step 4: resolves spec.image.tag to the digest ECR holds (one DescribeImages). A missing tag is a
 * condition retried slowly; a digest that changed under the tag already deployed is reported.
 */
public final class ImageResolveStep implements ReconcileStep {

  private final OperatorConfig config;
  private final EcrImages images;

  public ImageResolveStep(OperatorConfig config, EcrImages images) {
    this.config = config;
    this.images = images;
  }

  @Override
  public StepResult run(RolloutContext ctx) {
    ImageSpec image = ctx.spec().getImage();
    String digest;
    try {
      digest = images.resolveDigest(image.getRepository(), image.getTag());
    } catch (ImageNotFound e) {
      ctx.notReady(Phase.Pending, e.reason(), e.getMessage());
      return StepResult.requeue(config.slowRetry());
    }
    ctx.desiredImage(new DeployedImage(image.getRepository(), image.getTag(), digest));
    reportDigestChange(ctx, image, digest);
    return StepResult.proceed();
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
      if (ctx.condition(ConditionType.IMAGE_DIGEST_CHANGED, true, "DigestChanged", message)) {
        ctx.warningEvent("ImageDigestChanged", message);
      }
    } else {
      Conditions.remove(ctx.status(), ConditionType.IMAGE_DIGEST_CHANGED);
    }
  }
}
