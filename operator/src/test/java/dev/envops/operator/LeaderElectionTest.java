package dev.envops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Phase;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With leader election on, the operator takes the Lease and then reconciles. */
class LeaderElectionTest {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        OperatorHarness.create(
            Map.of(
                "ENVOPS_LEADER_ELECTION", "true",
                "ENVOPS_LEASE_NAME", "envops-operator",
                "ENVOPS_LEASE_NAMESPACE", OperatorHarness.NAMESPACE,
                // Stopping the test's operator releases the Lease; in production that ends the
                // process.
                "ENVOPS_EXIT_ON_LOST_LEADERSHIP", "false"));
    // JOSDK checks it may use Leases first; the mock cannot evaluate RBAC, so it is told the
    // answer the Role in operator/k8s/rbac.yaml gives.
    h.server()
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "create", "update")
                .endResourceRule()
                .withIncomplete(false)
                .endStatus()
                .build())
        .always();
    h.start();
  }

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void holdsTheLeaseAndReconciles() {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    Lease lease =
        h.client()
            .leases()
            .inNamespace(OperatorHarness.NAMESPACE)
            .withName("envops-operator")
            .get();
    assertThat(lease).isNotNull();
    assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
  }
}
