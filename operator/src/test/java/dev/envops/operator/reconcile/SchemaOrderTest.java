package dev.envops.operator.reconcile;

import static dev.envops.operator.OperatorHarness.hasCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.DestructiveChanges;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema and app in the expand/contract order, with real DDL on the MariaDB-backed branches: an
 * additive change before the app, a destructive one after it (or held, or before when the spec says
 * so), a mixed one held. The order is read from the simulators' call logs.
 */
class SchemaOrderTest {

  private static final String DEPLOYMENT = CallLog.DEPLOYMENT;
  private static final String SCHEMA_DEPLOY = "queue_deploy_request";

  private OperatorHarness h;
  private CallLog calls;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.withPlanetScale().start();
    // main and dev both have description: the app of today reads it.
    h.onBranch("main", "ALTER TABLE hotels ADD description VARCHAR(400) NULL");
    h.onBranch("dev", "ALTER TABLE hotels ADD description VARCHAR(400) NULL");
    calls = CallLog.record(h);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void anAdditiveChangeGoesBeforeTheApp() throws Exception {
    h.onBranch("dev", "ALTER TABLE hotels ADD rating INT NULL");

    EnvironmentStatus ready = release(prod());

    assertThat(calls.first(SCHEMA_DEPLOY)).isLessThan(calls.first(DEPLOYMENT));
    assertThat(calls.mainColumnsAtDeployment(0)).contains("rating");
    assertThat(ready.getDeployRequest().getChangeClass()).isEqualTo("ADDITIVE");
    assertThat(ready.getDeployRequest().getOrder()).isEqualTo("BeforeRollout");
  }

  @Test
  void aDestructiveChangeGoesAfterTheAppByDefault() throws Exception {
    h.onBranch("dev", "ALTER TABLE hotels DROP COLUMN description");

    EnvironmentStatus ready = release(prod());

    assertThat(calls.first(DEPLOYMENT)).isLessThan(calls.first(SCHEMA_DEPLOY));
    assertThat(calls.mainColumnsAtDeployment(0))
        .as("the old app's column is there while it rolls out")
        .contains("description");
    assertThat(h.columns("main", "hotels")).doesNotContain("description");
    assertThat(ready.getDeployRequest().getChangeClass()).isEqualTo("DESTRUCTIVE");
    assertThat(ready.getDeployRequest().getOrder()).isEqualTo("AfterRollout");
    assertThat(hasCondition(ready, "SchemaPromoted", "True", "DeployRequestComplete")).isTrue();
    assertThat(h.lightsail().callCount(DEPLOYMENT)).isEqualTo(1);
  }

  @Test
  void aDestructiveChangeIsHeldUntilAPersonApprovesItThenGoesAfterTheApp() throws Exception {
    h.onBranch("dev", "ALTER TABLE hotels DROP COLUMN description");
    Environment env = prod();
    env.getSpec().getDatabase().setDestructiveChanges(DestructiveChanges.Hold);
    h.push("v1");
    h.apply(env);

    EnvironmentStatus held =
        h.awaitStatus(
            "prod", s -> hasCondition(s, "SchemaPromoted", "False", "AwaitingSchemaApproval"));
    assertThat(held.condition("Ready").orElseThrow().getMessage())
        .contains("DROP COLUMN `description`", SchemaPromotionStep.APPROVE_ANNOTATION);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !calls.contains(SCHEMA_DEPLOY) && !calls.contains(DEPLOYMENT));

    long number = held.getDeployRequest().getNumber();
    h.edit(
        "prod",
        e -> {
          var annotations = new java.util.HashMap<String, String>();
          if (e.getMetadata().getAnnotations() != null) {
            annotations.putAll(e.getMetadata().getAnnotations());
          }
          annotations.put(SchemaPromotionStep.APPROVE_ANNOTATION, String.valueOf(number));
          e.getMetadata().setAnnotations(annotations);
          return e;
        });

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(calls.first(DEPLOYMENT)).isLessThan(calls.first(SCHEMA_DEPLOY));
    assertThat(h.columns("main", "hotels")).doesNotContain("description");
  }

  @Test
  void aDestructiveChangeGoesFirstWhenTheSpecSaysBeforeRollout() throws Exception {
    h.onBranch("dev", "ALTER TABLE hotels DROP COLUMN description");
    Environment env = prod();
    env.getSpec().getDatabase().setDestructiveChanges(DestructiveChanges.BeforeRollout);

    EnvironmentStatus ready = release(env);

    assertThat(calls.first(SCHEMA_DEPLOY)).isLessThan(calls.first(DEPLOYMENT));
    assertThat(calls.mainColumnsAtDeployment(0)).doesNotContain("description");
    assertThat(ready.getDeployRequest().getOrder()).isEqualTo("BeforeRollout");
  }

  @Test
  void aMixedChangeIsHeldAndNamesItsRiskyStatements() {
    h.onBranch("dev", "ALTER TABLE hotels DROP COLUMN description, ADD rating INT NULL");
    h.push("v1");
    h.apply(prod());

    EnvironmentStatus held =
        h.awaitStatus(
            "prod", s -> hasCondition(s, "SchemaPromoted", "False", "AwaitingSchemaApproval"));

    assertThat(held.getDeployRequest().getChangeClass()).isEqualTo("MIXED");
    assertThat(held.getDeployRequest().getOrder()).isEqualTo("Held");
    assertThat(held.condition("Ready").orElseThrow().getMessage()).contains("mixed", "description");
    h.awaitEvent("prod", "Warning", "AwaitingSchemaApproval");
    assertThat(h.lightsail().callCount(DEPLOYMENT)).isZero();
  }

  private Environment prod() {
    return Environments.withSchemaPromotion(Environments.bookings("prod", h.repositoryUri(), "v1"));
  }

  private EnvironmentStatus release(Environment env) {
    h.push("v1");
    h.apply(env);
    return h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
  }
}
