package dev.envops.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.health.Kstatus.Status;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flux and kpt (kstatus) and {@code kubectl wait --for=condition=Ready} read a rollout as
 * InProgress, a success as Current and a failure that needs a person as Failed.
 */
class KstatusTest {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create().start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void rolloutIsInProgressThenCurrent() {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    Environment deploying = awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Deploying);
    assertThat(Kstatus.compute(deploying)).isEqualTo(Status.IN_PROGRESS);
    assertThat(KubectlWait.satisfied(deploying, "Ready")).isFalse();
    assertThat(condition(deploying, "Reconciling").getStatus()).isEqualTo("True");

    Environment ready = awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Ready);
    assertThat(Kstatus.compute(ready)).isEqualTo(Status.CURRENT);
    assertThat(KubectlWait.satisfied(ready, "Ready")).isTrue();
    assertThat(condition(ready, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(condition(ready, "Stalled").getStatus()).isEqualTo("False");
    assertThat(ready.getStatus().getConditions())
        .allSatisfy(
            c ->
                assertThat(c.getObservedGeneration())
                    .isEqualTo(ready.getMetadata().getGeneration()));
  }

  @Test
  void aBumpReadsInProgressUntilTheNewGenerationIsReady() {
    h.push("v1");
    h.push("v2");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Ready);

    Environment bumped = h.edit("qa", e -> tag(e, "v2"));

    // The answer to the edit, before the operator saw it: Ready=True describes generation 1.
    assertThat(bumped.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(condition(bumped, "Ready").getStatus()).isEqualTo("True");
    assertThat(Kstatus.compute(bumped)).isEqualTo(Status.IN_PROGRESS);
    assertThat(KubectlWait.satisfied(bumped, "Ready")).isFalse();
    Environment ready =
        awaitObject(
            "qa",
            e ->
                e.getStatus().getPhase() == Phase.Ready
                    && "v2".equals(e.getStatus().getImage().getTag()));
    assertThat(Kstatus.compute(ready)).isEqualTo(Status.CURRENT);
    assertThat(KubectlWait.satisfied(ready, "Ready")).isTrue();
  }

  @Test
  void aFailedDeploymentIsFailedAndWaitNeverSucceeds() {
    h.push("v1");
    h.push("broken-v2");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Ready);

    h.edit("qa", e -> tag(e, "broken-v2"));

    Environment failed = awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Failed);
    assertThat(Kstatus.compute(failed)).isEqualTo(Status.FAILED);
    assertThat(KubectlWait.satisfied(failed, "Ready")).isFalse();
    assertThat(condition(failed, "Stalled").getReason()).isEqualTo("DeploymentFailed");
  }

  @Test
  void aMissingImageIsFailedWithAWarningEventAndRecoversWhenPushed() {
    h.apply(Environments.bookings("qa", h.repositoryUri(), "not-pushed"));

    Environment stalled =
        awaitObject("qa", e -> "ImageNotFound".equals(condition(e, "Ready").getReason()));
    assertThat(Kstatus.compute(stalled)).isEqualTo(Status.FAILED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                h.events("qa").stream()
                    .anyMatch(
                        ev ->
                            "ImageNotFound".equals(ev.getReason())
                                && "Warning".equals(ev.getType())));

    h.push("not-pushed");
    h.edit(
        "qa",
        e -> {
          e.getSpec().setGitRef("retry");
          return e;
        });
    Environment ready = awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Ready);
    assertThat(Kstatus.compute(ready)).isEqualTo(Status.CURRENT);
  }

  @Test
  void aCloudErrorOnABumpDoesNotReadAsCurrent() {
    h.push("v1");
    h.push("v2");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Ready);

    h.ecr().faults().errorRate(1.0);
    try {
      h.edit("qa", e -> tag(e, "v2"));
      Environment erroring =
          awaitObject(
              "qa",
              e ->
                  e.getStatus().getObservedGeneration() == e.getMetadata().getGeneration()
                      && e.getMetadata().getGeneration() == 2);
      assertThat(Kstatus.compute(erroring)).isEqualTo(Status.IN_PROGRESS);
      assertThat(KubectlWait.satisfied(erroring, "Ready")).isFalse();
    } finally {
      h.ecr().faults().errorRate(0);
    }
  }

  @Test
  void suspendedIsNotReconcilingNorStalled() {
    h.push("v1");
    Environment env = Environments.bookings("qa", h.repositoryUri(), "v1");
    env.getSpec().setSuspend(true);
    h.apply(env);

    Environment suspended = awaitObject("qa", e -> e.getStatus().getPhase() == Phase.Suspended);
    assertThat(condition(suspended, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(condition(suspended, "Stalled").getStatus()).isEqualTo("False");
    // kstatus falls back on Ready=False: InProgress, so Flux keeps waiting on a suspended one.
    assertThat(Kstatus.compute(suspended)).isEqualTo(Status.IN_PROGRESS);
  }

  private Environment awaitObject(String name, Predicate<Environment> check) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> h.get(name), e -> e != null && e.getStatus() != null && check.test(e));
  }

  private static Condition condition(Environment env, String type) {
    return env.getStatus().condition(type).orElse(new Condition(type, "Unknown", "", "", "", 0L));
  }

  private static Environment tag(Environment e, String tag) {
    e.getSpec().getImage().setTag(tag);
    return e;
  }
}
