package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.context;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.fakes.FakeEnvironments;
import dev.envops.operator.fakes.FakeSecrets;
import org.junit.jupiter.api.Test;

/** ValidateStep alone (see {@link StepFixtures}). */
class ValidateStepTest {

  private final ValidateStep step = new ValidateStep(CONFIG);

  @Test
  void aValidSpecGoesOn() {
    RolloutContext ctx = context(StepFixtures.env());

    assertThat(step.run(ctx).stops()).isFalse();
    assertThat(ctx.status().getConditions()).isEmpty();
  }

  @Test
  void anInvalidSpecFailsNamingTheField() {
    Environment env = Environments.withSchemaPromotion(StepFixtures.env());
    env.getSpec().getDatabase().setPromoteFrom("main");
    RolloutContext ctx = context(env);

    StepResult result = step.run(ctx);

    assertThat(result.requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(ctx.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.INVALID_SPEC.wire());
    assertThat(ctx.status().condition(ConditionType.READY).orElseThrow().getMessage())
        .isEqualTo("spec.database.promoteFrom: must differ from spec.database.branch");
  }

  @Test
  void aGateOnItselfIsInvalid() {
    Environment env = Environments.requiringReadyIn(StepFixtures.env(), "qa");
    RolloutContext ctx = context(env);

    assertThat(step.run(ctx).stops()).isTrue();
    assertThat(ctx.status().condition(ConditionType.READY).orElseThrow().getMessage())
        .isEqualTo("spec.promotion.requireReadyIn: must name another Environment");
  }

  @Test
  void aServiceAnEarlierEnvironmentHoldsIsInvalid() {
    Environment holder = StepFixtures.env();
    holder.getMetadata().setName("staging");
    holder.getMetadata().setCreationTimestamp("2025-12-01T00:00:00Z");
    holder.getSpec().getLightsail().setServiceName("qa-service");
    Environment env = StepFixtures.env();
    RolloutContext ctx =
        context(
            env, new EnvironmentStatus(), new FakeSecrets(), new FakeEnvironments().put(holder));

    assertThat(step.run(ctx).stops()).isTrue();
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.INVALID_SPEC.wire());
    assertThat(ctx.status().condition(ConditionType.READY).orElseThrow().getMessage())
        .startsWith("spec.lightsail.serviceName: container service qa-service")
        .endsWith("belongs to Environment envops/staging (created first)");
  }
}
