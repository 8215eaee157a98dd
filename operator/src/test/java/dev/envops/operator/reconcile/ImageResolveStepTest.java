package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.DIGEST;
import static dev.envops.operator.reconcile.StepFixtures.OTHER_DIGEST;
import static dev.envops.operator.reconcile.StepFixtures.REPO;
import static dev.envops.operator.reconcile.StepFixtures.context;
import static dev.envops.operator.reconcile.StepFixtures.eventReasons;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.fakes.FakeCloud;
import dev.envops.operator.fakes.FakeEnvironments;
import dev.envops.operator.fakes.FakeSecrets;
import org.junit.jupiter.api.Test;

/** ImageResolveStep alone, against fake ECR (see {@link StepFixtures}). */
class ImageResolveStepTest {

  private final FakeCloud cloud = new FakeCloud();
  private final ImageResolveStep step = new ImageResolveStep(CONFIG, cloud.lookup());

  @Test
  void theTagResolvesToItsDigest() {
    cloud.images.tag(REPO, "v1", DIGEST);
    RolloutContext ctx = context(StepFixtures.env());

    Outcome<DeployedImage> resolved = step.run(ctx);

    assertThat(resolved.stops()).isFalse();
    assertThat(resolved.value().getDigest()).isEqualTo(DIGEST);
    assertThat(resolved.value().getTag()).isEqualTo("v1");
    assertThat(cloud.images.lookups()).containsExactly(REPO + ":v1");
  }

  @Test
  void anAbsentTagIsImageNotFoundRetriedSlowly() {
    RolloutContext ctx = context(StepFixtures.env());

    Outcome<DeployedImage> result = step.run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.slowRetry());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.IMAGE_NOT_FOUND.wire());
    assertThat(result.stops()).isTrue();
  }

  @Test
  void anAbsentRepositoryIsRepositoryNotFound() {
    cloud.images.repositoryMissing(REPO);
    RolloutContext ctx = context(StepFixtures.env());

    assertThat(step.run(ctx).stops()).isTrue();
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.REPOSITORY_NOT_FOUND.wire());
  }

  @Test
  void aRepositoryOfAnotherAccountIsInvalidWithoutAnEcrLookup() {
    cloud.registryAccount("999999999999");
    RolloutContext ctx = context(StepFixtures.env());

    Outcome<DeployedImage> result = step.run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.INVALID_SPEC.wire());
    assertThat(cloud.images.lookups()).isEmpty();
  }

  @Test
  void aDigestMovedUnderTheDeployedTagIsReportedOnce() {
    cloud.images.tag(REPO, "v1", OTHER_DIGEST);
    EnvironmentStatus status = new EnvironmentStatus();
    status.setImage(new DeployedImage(REPO, "v1", DIGEST));
    RolloutContext ctx =
        context(StepFixtures.env(), status, new FakeSecrets(), new FakeEnvironments());

    assertThat(step.run(ctx).stops()).isFalse();
    assertThat(reason(ctx, ConditionType.IMAGE_DIGEST_CHANGED))
        .isEqualTo(Reason.DIGEST_CHANGED.wire());
    assertThat(eventReasons(ctx)).containsExactly(Reason.IMAGE_DIGEST_CHANGED.wire());

    RolloutContext again =
        context(StepFixtures.env(), status, new FakeSecrets(), new FakeEnvironments());
    step.run(again);
    assertThat(again.events()).isEmpty();
  }

  @Test
  void theDigestChangedConditionGoesWhenTheTagMoves() {
    cloud.images.tag(REPO, "v1", DIGEST);
    EnvironmentStatus status = new EnvironmentStatus();
    status.setImage(new DeployedImage(REPO, "v0", OTHER_DIGEST));
    Conditions.set(
        status,
        ConditionType.IMAGE_DIGEST_CHANGED,
        "True",
        "DigestChanged",
        "m",
        1,
        StepFixtures.NOW);
    RolloutContext ctx =
        context(StepFixtures.env(), status, new FakeSecrets(), new FakeEnvironments());

    step.run(ctx);

    assertThat(ctx.status().condition(ConditionType.IMAGE_DIGEST_CHANGED)).isEmpty();
  }
}
