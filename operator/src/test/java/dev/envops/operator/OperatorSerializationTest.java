package dev.envops.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorSerializationTest {

  private static final String STORED =
      """
      {"apiVersion":"envops.dev/v1alpha1","kind":"Environment",
       "metadata":{"name":"qa","namespace":"shop","uid":"u-1","resourceVersion":"42",
         "labels":{"team":"a"},
         "managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"envops.dev/v1alpha1",
           "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:image":{"f:tag":{}}}}}]},
       "spec":{"image":{"repository":"bookings","tag":"v2"}}}
      """;

  private final KubernetesSerialization serialization = OperatorSerialization.create();

  @Test
  void managedFieldsAreSkippedAndEverythingElseIsRead() {
    Environment env = serialization.unmarshal(STORED, Environment.class);

    assertThat(env.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(env.getMetadata().getAdditionalProperties()).doesNotContainKey("managedFields");
    assertThat(env.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(env.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(env.getSpec().getImage().getTag()).isEqualTo("v2");
    assertThat(new KubernetesSerialization().unmarshal(STORED, Environment.class))
        .extracting(e -> e.getMetadata().getManagedFields())
        .asList()
        .hasSize(1);
  }

  @Test
  void managedFieldsAreNeverWritten() {
    ObjectMeta meta =
        new ObjectMetaBuilder().withName("qa").withManagedFields(new ManagedFieldsEntry()).build();

    assertThat(serialization.asJson(meta)).doesNotContain("managedFields").contains("\"qa\"");
  }

  @Test
  void theOperatorsWritesLeaveTheServersManagedFieldsInPlace() {
    try (OperatorHarness h = OperatorHarness.create()) {
      h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
      KubernetesClient operator = h.operatorClient();
      Environment desired = new Environment();
      desired.setMetadata(
          new ObjectMetaBuilder().withName("qa").withNamespace(OperatorHarness.NAMESPACE).build());
      desired.setStatus(new dev.envops.operator.environment.EnvironmentStatus());
      desired.getStatus().setGitRef("main");

      Environment answer =
          operator
              .resource(desired)
              .subresource("status")
              .patch(
                  new PatchContext.Builder()
                      .withForce(true)
                      .withFieldManager("envops-test")
                      .withPatchType(PatchType.SERVER_SIDE_APPLY)
                      .build());
      operator
          .resource(answer)
          .edit(
              e -> {
                e.getMetadata().getLabels().put("edited", "yes");
                return e;
              });

      List<String> managers =
          h.get("qa").getMetadata().getManagedFields().stream()
              .map(ManagedFieldsEntry::getManager)
              .toList();
      assertThat(answer.getMetadata().getManagedFields()).isNullOrEmpty();
      assertThat(h.get("qa").getStatus().getGitRef()).isEqualTo("main");
      assertThat(h.get("qa").getMetadata().getLabels()).containsEntry("edited", "yes");
      assertThat(managers).contains("envops-test").hasSizeGreaterThanOrEqualTo(2);
    }
  }
}
