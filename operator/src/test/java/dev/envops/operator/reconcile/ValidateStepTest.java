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
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void aSpecObjectIsCheckedOnceAndAnEditedOneAgain() {
    AtomicInteger checks = new AtomicInteger();
    ValidateStep counting =
        new ValidateStep(
            CONFIG,
            spec -> {
              checks.incrementAndGet();
              return SpecValidator.firstProblem(spec);
            });
    Environment env = withUid(StepFixtures.env());

    assertThat(counting.run(context(env)).stops()).isFalse();
    assertThat(counting.run(context(env)).stops()).isFalse();
    assertThat(checks).hasValue(1);

    // The informer hands a new object for every change: here the edit makes the spec invalid.
    Environment edited = withUid(Environments.withSchemaPromotion(StepFixtures.env()));
    edited.getSpec().getDatabase().setPromoteFrom("main");
    RolloutContext ctx = context(edited);
    assertThat(counting.run(ctx).stops()).isTrue();
    assertThat(checks).hasValue(2);
    assertThat(ctx.status().condition(ConditionType.READY).orElseThrow().getMessage())
        .isEqualTo("spec.database.promoteFrom: must differ from spec.database.branch");

    counting.forget("uid-qa");
    counting.run(context(edited));
    assertThat(checks).hasValue(3);
  }

  @Test
  void theServiceHolderIsLookedUpOnEveryPassOfTheSameSpec() {
    Environment env = withUid(StepFixtures.env());
    assertThat(step.run(context(env)).stops()).isFalse();

    Environment holder = StepFixtures.env();
    holder.getMetadata().setName("staging");
    holder.getMetadata().setCreationTimestamp("2025-12-01T00:00:00Z");
    holder.getSpec().getLightsail().setServiceName("qa-service");
    RolloutContext ctx =
        context(
            env, new EnvironmentStatus(), new FakeSecrets(), new FakeEnvironments().put(holder));

    assertThat(step.run(ctx).stops()).isTrue();
    assertThat(reason(ctx, ConditionType.READY)).isEqualTo(Reason.INVALID_SPEC.wire());
  }

  private static Environment withUid(Environment env) {
    env.getMetadata().setUid("uid-qa");
    return env;
  }
}
