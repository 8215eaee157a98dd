package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rolling app and schema back together by setting the tag back: inside the revert window the last
 * promotion is reverted in the right order (destructive: schema first; additive: app first);
 * outside it the schema stays forward and status says so.
 */
class JointRollbackTest {

  private static final String DEPLOYMENT = CallLog.DEPLOYMENT;
  private static final String REVERT = "revert_deploy_request";

  private OperatorHarness h;
  private CallLog calls;
  private final java.util.Set<String> pushed = new java.util.HashSet<>();

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.withPlanetScale().start();
    calls = CallLog.record(h);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void insideTheWindowAnAdditiveChangeIsRevertedAfterThePreviousAppIsBack() throws Exception {
    releaseV1(true);
    h.onBranch("dev", "ALTER TABLE hotels ADD rating INT NULL");
    EnvironmentStatus v2 = release("v2");
    assertThat(hasCondition(v2, "RollbackAvailable", "True", "RevertWindowOpen")).isTrue();
    assertThat(v2.condition("RollbackAvailable").orElseThrow().getMessage())
        .contains("tag back to v1", "kubectl -n envops patch env prod");

    EnvironmentStatus back = release("v1");

    assertThat(back.getRollback().getOrder()).isEqualTo("AppFirst");
    assertThat(back.getRollback().getState()).isEqualTo("complete_revert");
    assertThat(calls.last(DEPLOYMENT)).isLessThan(calls.first(REVERT));
    assertThat(calls.mainColumnsAtDeployment(2))
        .as("v1 came back before the revert")
        .contains("rating");
    assertThat(h.columns("main", "hotels")).doesNotContain("rating");
    assertThat(h.planetScale().callCount(REVERT)).isEqualTo(1);
  }

  @Test
  void insideTheWindowADestructiveChangeIsRevertedBeforeThePreviousAppComesBack() throws Exception {
    h.onBranch("main", "ALTER TABLE hotels ADD description VARCHAR(400) NULL");
    h.onBranch("dev", "ALTER TABLE hotels ADD description VARCHAR(400) NULL");
    releaseV1(true);
    h.onBranch("dev", "ALTER TABLE hotels DROP COLUMN description");
    EnvironmentStatus v2 = release("v2");
    assertThat(v2.getDeployRequest().getOrder()).isEqualTo("AfterRollout");
    assertThat(h.columns("main", "hotels")).doesNotContain("description");

    EnvironmentStatus back = release("v1");

    assertThat(back.getRollback().getOrder()).isEqualTo("SchemaFirst");
    assertThat(calls.first(REVERT)).isLessThan(calls.last(DEPLOYMENT));
    assertThat(calls.mainColumnsAtDeployment(2))
        .as("the column v1 reads is back before v1 rolls out")
        .contains("description");
    assertThat(h.columns("main", "hotels")).contains("description");
  }

  @Test
  void outsideTheWindowOnlyTheAppRollsBackAndStatusSaysSo() throws Exception {
    releaseV1(false);
    h.onBranch("dev", "ALTER TABLE hotels ADD rating INT NULL");
    EnvironmentStatus v2 = release("v2");
    assertThat(hasCondition(v2, "RollbackAvailable", "False", "SchemaForwardOnly")).isTrue();
    assertThat(v2.condition("RollbackAvailable").orElseThrow().getMessage())
        .contains("schema stays forward");

    EnvironmentStatus back = release("v1");

    assertThat(back.getRollback()).isNull();
    assertThat(h.planetScale().callCount(REVERT)).isZero();
    assertThat(h.columns("main", "hotels")).contains("rating");
    assertThat(back.getHistory().get(0).getImage()).contains(":v1@");
  }

  private void releaseV1(boolean keepRevertWindow) {
    pushed.add("v1");
    h.push("v1");
    Environment env =
        Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1"));
    env.getSpec().getDatabase().setKeepRevertWindow(keepRevertWindow);
    h.apply(env);
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
  }

  private EnvironmentStatus release(String tag) {
    if (pushed.add(tag)) {
      h.push(tag);
    }
    h.edit(
        "prod",
        e -> {
          e.getSpec().getImage().setTag(tag);
          return e;
        });
    return h.awaitStatus(
        "prod", s -> s.getPhase() == Phase.Ready && tag.equals(s.getImage().getTag()));
  }
}
