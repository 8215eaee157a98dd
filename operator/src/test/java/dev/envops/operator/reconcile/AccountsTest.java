package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.aws.AwsSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Environments deploy into the AWS account of the role they name, and accounts stay apart. */
class AccountsTest {

  private static final String ACCOUNT_B = "222222222222";
  private static final String ROLE_B = "arn:aws:iam::" + ACCOUNT_B + ":role/envops-deployer";
  private static final String REGION = "us-east-1";

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anEnvironmentDeploysIntoTheAccountOfItsRoleAndTheSameNameStaysApart() throws Exception {
    h = OperatorHarness.create().start();
    h.aws().sts().allowRole(ROLE_B);
    String repositoryB = h.ecr().createRepository(ACCOUNT_B, REGION, "bookings-api");
    h.ecr().pushImageAt(repositoryB, "v1");
    h.push("v1");
    // The same service name in two accounts: two services, two owners, no conflict.
    Environment own = Environments.bookings("qa", h.repositoryUri(), "v1");
    own.getSpec().getLightsail().setServiceName("web");
    Environment other = Environments.bookings("prod", repositoryB, "v1");
    other.getSpec().getLightsail().setServiceName("web");
    other.getSpec().getLightsail().setRoleArn(ROLE_B);
    h.apply(own);
    h.apply(other);

    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);

    var inB = h.lightsail().service(ACCOUNT_B, REGION, "web").orElseThrow();
    var inOwn = h.lightsail().service(AwsSimulator.ACCOUNT_ID, REGION, "web").orElseThrow();
    assertThat(inB.currentDeployment().orElseThrow().containers().get("prod").image())
        .isEqualTo(repositoryB + ":v1");
    assertThat(inOwn.currentDeployment().orElseThrow().containers().get("qa").image())
        .isEqualTo(h.repositoryUri() + ":v1");
    // The role's keys are cached and renewed by the SDK, not fetched per call.
    assertThat(h.aws().sts().assumeRoleCount()).isEqualTo(1);
  }

  @Test
  void aNamespaceRoleAppliesToItsEnvironmentsThatNameNone() throws Exception {
    h =
        OperatorHarness.create(
                Map.of("ENVOPS_NAMESPACE_ROLES", OperatorHarness.NAMESPACE + "=" + ROLE_B))
            .start();
    h.aws().sts().allowRole(ROLE_B);
    String repositoryB = h.ecr().createRepository(ACCOUNT_B, REGION, "bookings-api");
    h.ecr().pushImageAt(repositoryB, "v1");
    h.apply(Environments.bookings("qa", repositoryB, "v1"));

    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    assertThat(h.lightsail().service(ACCOUNT_B, REGION, "qa-service")).isPresent();
    assertThat(h.lightsail().service(AwsSimulator.ACCOUNT_ID, REGION, "qa-service")).isEmpty();
  }

  @Test
  void aRoleTheOperatorMayNotAssumeSaysSoAndCreatesNothing() throws Exception {
    h = OperatorHarness.create().start();
    String repositoryB = h.ecr().createRepository(ACCOUNT_B, REGION, "bookings-api");
    h.ecr().pushImageAt(repositoryB, "v1");
    Environment env = Environments.bookings("qa", repositoryB, "v1");
    env.getSpec().getLightsail().setRoleArn(ROLE_B);
    h.apply(env);

    var status =
        h.awaitStatus(
            "qa",
            s ->
                s.condition(ConditionType.READY)
                    .filter(c -> "AssumeRoleFailed".equals(c.getReason()))
                    .isPresent());

    assertThat(status.condition(ConditionType.READY).orElseThrow().getMessage())
        .contains(ROLE_B)
        .contains("AccessDenied");
    assertThat(h.lightsail().services()).isEmpty();
  }
}
