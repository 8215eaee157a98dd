package dev.envops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With leader election on, the operator takes the Lease (in its own namespace, where the shipped
 * Role lets it) and then reconciles.
 */
class LeaderElectionTest {

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        OperatorHarness.create(
            Map.of(
                "ENVOPS_LEADER_ELECTION", "true",
                "ENVOPS_LEASE_NAME", "envops-operator",
                "ENVOPS_LEASE_NAMESPACE", OperatorInstallation.NAMESPACE,
                // Stopping the test's operator releases the Lease; in production that ends the
                // process.
                "ENVOPS_EXIT_ON_LOST_LEADERSHIP", "false"));
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
            .inNamespace(OperatorInstallation.NAMESPACE)
            .withName("envops-operator")
            .get();
    assertThat(lease).isNotNull();
    assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
  }
}
