package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.MalformedSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class ReadOnlyStateClonerTest {

  private static final String STORED =
      """
      {"apiVersion":"envops.dev/v1alpha1","kind":"Environment",
       "metadata":{"name":"qa","namespace":"shop","uid":"u-1","resourceVersion":"42","generation":3,
         "labels":{"team":"a"},"annotations":{"note":"x"},"finalizers":["envops.dev/service"],
         "creationTimestamp":"2026-12-05T06:00:00Z","deletionTimestamp":"2026-12-05T08:00:00Z",
         "deletionGracePeriodSeconds":0,"generateName":"q","selfLink":"/x",
         "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"u-0"}],
         "managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"envops.dev/v1alpha1"}],
         "unknownField":"kept"},
       "spec":{"gitRef":"main","image":{"repository":"bookings","tag":"v2"},
         "lightsail":{"region":"us-east-1","serviceName":"qa-service","containerName":"qa",
           "containerPort":80,"scale":1,"env":{"LISTEN":"0.0.0.0:80"}}},
       "status":{"observedGeneration":3,"phase":"Ready","gitRef":"main",
         "conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"serving v2",
           "observedGeneration":3,"lastTransitionTime":"2026-12-05T07:00:00Z"}],
         "history":[{"gitRef":"main","image":"bookings:v2","result":"Succeeded",
           "finishedAt":"2026-12-05T07:00:00Z"}]}}
      """;

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final ReadOnlyStateCloner cloner = new ReadOnlyStateCloner(serialization);

  @Test
  void aCloneReadsAsTheOriginalAndOwnsItsMetadata() {
    Environment cached = serialization.unmarshal(STORED, Environment.class);

    Environment copy = cloner.clone(cached);

    assertThat(serialization.asJson(copy))
        .isEqualTo(serialization.asJson(serialization.clone(cached)));
    copy.getMetadata().getLabels().put("team", "b");
    copy.getMetadata().getFinalizers().clear();
    copy.getMetadata().setResourceVersion("43");
    copy.getMetadata().getOwnerReferences().get(0).setName("another");
    copy.getMetadata().getManagedFields().get(0).setManager("another");
    assertThat(cached.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(cached.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("owner");
    assertThat(cached.getMetadata().getManagedFields().get(0).getManager()).isEqualTo("kubectl");
    assertThat(cached.getMetadata().getAdditionalProperties())
        .containsEntry("unknownField", "kept");
    assertThat(cached.getMetadata().getFinalizers()).containsExactly("envops.dev/service");
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
  }

  @Test
  void specAndStatusAreTheCachesOwnForAPassToReadNotWrite() {
    Environment cached = serialization.unmarshal(STORED, Environment.class);

    Environment copy = cloner.clone(cached);

    assertThat(copy.getSpec()).isSameAs(cached.getSpec());
    assertThat(copy.getStatus()).isSameAs(cached.getStatus());
    assertThat(copy).isNotSameAs(cached).isExactlyInstanceOf(Environment.class);
    copy.setStatus(null);
    copy.setSpec(null);
    assertThat(cached.getStatus().getPhase()).hasToString("Ready");
    assertThat(cached.getSpec().getGitRef()).isEqualTo("main");
  }

  @Test
  void otherKindsAreCopiedWhole() {
    var secret =
        new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata()
            .withName("token")
            .endMetadata()
            .addToStringData("token", "t")
            .build();

    var copy = cloner.clone(secret);

    assertThat(copy).isEqualTo(secret).isNotSameAs(secret);
    copy.getStringData().put("token", "u");
    assertThat(secret.getStringData()).containsEntry("token", "t");
  }

  @Test
  void aMalformedSpecStaysMalformedWithWhatItNamed() {
    Environment cached =
        serialization.unmarshal(
            STORED.replace("\"containerPort\":80", "\"containerPort\":\"eighty\""),
            Environment.class);
    assertThat(cached.getSpec()).isInstanceOf(MalformedSpec.class);

    Environment copy = cloner.clone(cached);

    assertThat(copy.getSpec()).isInstanceOf(MalformedSpec.class);
    assertThat(((MalformedSpec) copy.getSpec()).problem())
        .isEqualTo(((MalformedSpec) cached.getSpec()).problem());
    assertThat(serialization.asJson(copy))
        .isEqualTo(serialization.asJson(serialization.clone(cached)));
  }
}
