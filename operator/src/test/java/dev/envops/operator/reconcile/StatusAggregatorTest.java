package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.reconcile.StatusAggregator.Verdict;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reconciling and Stalled follow from a pass's phase and Ready reason, with kstatus semantics. */
class StatusAggregatorTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration PATIENCE = Duration.ofMinutes(30);

  @Test
  void aRolloutIsReconciling() {
    RolloutContext ctx = pass(3);
    ctx.notReady(Phase.Deploying, "Activating", "deployment v2 is ACTIVATING");

    assertThat(StatusAggregator.summarize(ctx, PATIENCE)).isEqualTo(Verdict.IN_PROGRESS);
    assertThat(Conditions.isTrue(ctx.status(), "Reconciling")).isTrue();
    assertThat(Conditions.isTrue(ctx.status(), "Stalled")).isFalse();
    assertThat(ctx.status().condition("Reconciling").orElseThrow().getReason())
        .isEqualTo("Activating");
    assertThat(ctx.status().condition("Reconciling").orElseThrow().getObservedGeneration())
        .isEqualTo(3L);
  }

  @Test
  void whatNeedsAPersonIsStalledWhateverThePhase() {
    for (String reason : wires(Reason.Stall.ALWAYS)) {
      RolloutContext ctx = pass(1);
      ctx.notReady(Phase.Pending, reason, "m");
      assertThat(StatusAggregator.summarize(ctx, PATIENCE)).as(reason).isEqualTo(Verdict.STALLED);
      assertThat(Conditions.isTrue(ctx.status(), "Stalled")).as(reason).isTrue();
      assertThat(Conditions.isTrue(ctx.status(), "Reconciling")).as(reason).isFalse();
    }
    RolloutContext failed = pass(1);
    failed.notReady(Phase.Failed, "SomeFutureFailure", "m");
    assertThat(StatusAggregator.summarize(failed, PATIENCE)).isEqualTo(Verdict.STALLED);
  }

  /**
   * The reasons that stall, as they were listed before they became properties of {@link Reason}.
   */
  @Test
  void theReasonsThatStallAreTheOnesTheyWere() {
    assertThat(wires(Reason.Stall.ALWAYS))
        .containsExactlyInAnyOrder(
            "InvalidSpec",
            "SecretNotFound",
            "ImageNotFound",
            "RepositoryNotFound",
            "ServiceDisabled",
            "DeploymentFailed",
            "DeploymentRejected",
            "ServiceTokenNotFound",
            "PlanetScaleAccessDenied",
            "AssumeRoleFailed",
            "BranchNotProduction",
            "DeployQueueBlocked",
            "DeployRequestStuck",
            "DeployRequestFailed",
            "DeployRequestNotDeployable",
            "DeployRequestClosed",
            "SchemaReverted",
            "RevertFailed",
            "RollbackNeedsSchema",
            "PromotionSourceNotFound");
    assertThat(wires(Reason.Stall.BEYOND_PATIENCE))
        .containsExactlyInAnyOrder("AwaitingApproval", "AwaitingCutover", "AwaitingSchemaApproval");
  }

  private static List<String> wires(Reason.Stall stall) {
    return Arrays.stream(Reason.values())
        .filter(r -> r.stall() == stall)
        .map(Reason::wire)
        .toList();
  }

  @Test
  void readyOnlyCountsForTheGenerationItWasComputedFor() {
    RolloutContext old = pass(1);
    old.condition(ConditionType.READY, true, "Ready", "serving");
    RolloutContext next = new RolloutContext(env(2), old.status(), NOW, null, null);

    assertThat(StatusAggregator.summarize(next, PATIENCE)).isEqualTo(Verdict.IN_PROGRESS);
    old.status().setPhase(Phase.Ready);
    assertThat(StatusAggregator.summarize(pass(1, old.status()), PATIENCE))
        .isEqualTo(Verdict.CURRENT);
  }

  @Test
  void awaitingApprovalIsSuspendedWithinPatienceThenStalled() {
    RolloutContext ctx = awaitingApproval(NOW.minus(Duration.ofMinutes(29)));
    assertThat(StatusAggregator.summarize(ctx, PATIENCE)).isEqualTo(Verdict.SUSPENDED);
    assertThat(Conditions.isTrue(ctx.status(), "Stalled")).isFalse();
    assertThat(Conditions.isTrue(ctx.status(), "Reconciling")).isFalse();

    RolloutContext late = awaitingApproval(NOW.minus(Duration.ofMinutes(31)));
    assertThat(StatusAggregator.summarize(late, PATIENCE)).isEqualTo(Verdict.STALLED);
    assertThat(late.status().condition("Stalled").orElseThrow().getMessage())
        .contains("waiting since 2026-12-01T11:29:00Z");
  }

  @Test
  void suspendedIsNeitherReconcilingNorStalled() {
    RolloutContext ctx = pass(1);
    ctx.notReady(Phase.Suspended, "Suspended", "spec.suspend is true");
    assertThat(StatusAggregator.summarize(ctx, PATIENCE)).isEqualTo(Verdict.SUSPENDED);
    assertThat(ctx.status().condition("Reconciling").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ctx.status().condition("Stalled").orElseThrow().getStatus()).isEqualTo("False");
  }

  private static RolloutContext awaitingApproval(Instant since) {
    RolloutContext ctx = pass(1);
    DeployRequestStatus request = new DeployRequestStatus();
    request.setNumber(7L);
    request.setState("ready");
    request.setStateSince(since.toString());
    ctx.status().setDeployRequest(request);
    ctx.notReady(Phase.PromotingSchema, "AwaitingApproval", "deploy request #7 needs a review");
    return ctx;
  }

  private static RolloutContext pass(long generation) {
    return pass(generation, new EnvironmentStatus());
  }

  private static RolloutContext pass(long generation, EnvironmentStatus status) {
    return new RolloutContext(env(generation), status, NOW, null, null);
  }

  private static Environment env(long generation) {
    Environment env = new Environment();
    env.setMetadata(
        new ObjectMetaBuilder()
            .withName("qa")
            .withNamespace("envops")
            .withGeneration(generation)
            .build());
    return env;
  }
}
