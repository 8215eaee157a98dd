package dev.envops.operator.reconcile;

import static dev.envops.operator.reconcile.StepFixtures.CONFIG;
import static dev.envops.operator.reconcile.StepFixtures.REGION;
import static dev.envops.operator.reconcile.StepFixtures.context;
import static dev.envops.operator.reconcile.StepFixtures.eventReasons;
import static dev.envops.operator.reconcile.StepFixtures.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.fakes.FakeCloud;
import dev.envops.operator.fakes.Lightsail;
import org.junit.jupiter.api.Test;

/** ContainerServiceStep alone, against fake Lightsail (see {@link StepFixtures}). */
class ContainerServiceStepTest {

  private final FakeCloud cloud = new FakeCloud();
  private final ContainerServiceStep step = new ContainerServiceStep(CONFIG, cloud.lookup());

  private RolloutContext pass() {
    return context(StepFixtures.env(), new EnvironmentStatus());
  }

  @Test
  void aMissingServiceIsCreated() {
    RolloutContext ctx = pass();

    assertThat(step.run(ctx).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(cloud.services.writes()).containsExactly("create us-east-1/qa-service nano x1");
    assertThat(eventReasons(ctx)).containsExactly(Reason.SERVICE_CREATED.wire());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.CREATING_SERVICE.wire());
  }

  @Test
  void aPendingServiceIsWaitedFor() {
    cloud.services.put(
        REGION, Lightsail.service("qa-service", "PENDING", Lightsail.PRINCIPAL).build());
    RolloutContext ctx = pass();

    assertThat(step.run(ctx).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.SERVICE_NOT_SETTLED.wire());
    assertThat(cloud.services.writes()).isEmpty();
  }

  @Test
  void aDisabledServiceWaitsForAPerson() {
    cloud.services.put(REGION, Lightsail.ready("qa-service").isDisabled(true).build());
    RolloutContext ctx = pass();

    assertThat(step.run(ctx).requeueAfter()).contains(CONFIG.resyncPeriod());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.SERVICE_DISABLED.wire());
  }

  @Test
  void anotherPowerIsUpdated() {
    cloud.services.put(REGION, Lightsail.ready("qa-service").power("micro").build());
    RolloutContext ctx = pass();

    assertThat(step.run(ctx).requeueAfter()).contains(CONFIG.pollInterval());
    assertThat(cloud.services.writes()).containsExactly("update us-east-1/qa-service nano x1");
    assertThat(eventReasons(ctx)).containsExactly(Reason.SERVICE_UPDATED.wire());
    assertThat(reason(ctx, ConditionType.DEPLOYED)).isEqualTo(Reason.UPDATING_SERVICE.wire());
  }

  @Test
  void aServiceAtRestIsHandedOnFromTheSharedView() {
    cloud.services.put(REGION, Lightsail.ready("qa-service").build());
    RolloutContext ctx = pass();

    Outcome<SeenService> seen = step.run(ctx);

    assertThat(seen.stops()).isFalse();
    assertThat(seen.value().service().name()).isEqualTo("qa-service");
    assertThat(seen.value().steady()).isTrue();
    assertThat(cloud.services.calls()).containsExactly("steady us-east-1/qa-service");
    assertThat(ctx.status().getLightsail().getServiceState()).isEqualTo("READY");
  }
}
