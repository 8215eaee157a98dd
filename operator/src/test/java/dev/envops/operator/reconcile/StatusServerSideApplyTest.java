package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator writes status by server-side apply (its production default) on the real API server:
 * it owns the status fields it sets, another field manager's apply of one of them is a conflict,
 * and after a forced takeover the operator's next write takes the field back.
 */
class StatusServerSideApplyTest {

  private static final String INTRUDER = "someone-else";

  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create().start();
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void statusIsAppliedAndOwnedByTheOperatorsFieldManager() {
    ManagedFieldsEntry status = statusOwner(h.get("qa"));

    assertThat(status.getOperation()).isEqualTo("Apply");
    assertThat(status.getManager()).isNotEqualTo(INTRUDER);
    assertThat(status.getFieldsV1().getAdditionalProperties().toString())
        .contains("f:phase", "f:conditions", "f:observedGeneration");
  }

  @Test
  void anotherManagersApplyConflictsAndAForcedOneIsTakenBackOnTheNextWrite() {
    String operatorManager = statusOwner(h.get("qa")).getManager();

    assertThatThrownBy(() -> applyPhase(Phase.Suspended, false))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains(".status.phase", operatorManager);
            });
    assertThat(h.get("qa").getStatus().getPhase()).isEqualTo(Phase.Ready);

    applyPhase(Phase.Suspended, true);
    assertThat(h.get("qa").getStatus().getPhase()).isEqualTo(Phase.Suspended);

    h.push("v2");
    h.edit("qa", e -> tag(e, "v2"));
    EnvironmentStatus after =
        h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready && "v2".equals(s.getImage().getTag()));

    assertThat(after.getPhase()).isEqualTo(Phase.Ready);
    assertThat(statusOwner(h.get("qa")).getManager()).isEqualTo(operatorManager);
  }

  private void applyPhase(Phase phase, boolean force) {
    // Only the one field: an apply claims every field it names.
    String apply =
        "{\"apiVersion\":\"envops.dev/v1alpha1\",\"kind\":\"Environment\","
            + "\"metadata\":{\"name\":\"qa\",\"namespace\":\""
            + OperatorHarness.NAMESPACE
            + "\"},\"status\":{\"phase\":\""
            + phase
            + "\"}}";
    h.client()
        .resources(Environment.class)
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName("qa")
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(INTRUDER)
                .withForce(force)
                .build(),
            apply);
  }

  /** The managedFields entry of the status subresource that owns {@code .status.phase}. */
  private static ManagedFieldsEntry statusOwner(Environment env) {
    List<ManagedFieldsEntry> owners =
        env.getMetadata().getManagedFields().stream()
            .filter(m -> "status".equals(m.getSubresource()))
            .filter(m -> m.getFieldsV1().getAdditionalProperties().toString().contains("f:phase"))
            .toList();
    assertThat(owners).as(env.getMetadata().getManagedFields().toString()).hasSize(1);
    return owners.get(0);
  }

  private static Environment tag(Environment env, String tag) {
    env.getSpec().getImage().setTag(tag);
    return env;
  }
}
