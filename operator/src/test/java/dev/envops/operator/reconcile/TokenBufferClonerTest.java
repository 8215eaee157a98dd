package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.MalformedSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class TokenBufferClonerTest {

  private static final String STORED =
      """
      {"apiVersion":"envops.dev/v1alpha1","kind":"Environment",
       "metadata":{"name":"qa","namespace":"shop","uid":"u-1","resourceVersion":"42","generation":3,
         "labels":{"team":"a"},"annotations":{"note":"x"},"finalizers":["envops.dev/service"]},
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
  private final TokenBufferCloner cloner = new TokenBufferCloner(serialization);

  @Test
  void aCloneIsWhatFabric8sTextRoundTripGivesAndSharesNothingWithTheOriginal() {
    Environment cached = serialization.unmarshal(STORED, Environment.class);

    Environment copy = cloner.clone(cached);

    assertThat(serialization.asJson(copy))
        .isEqualTo(serialization.asJson(serialization.clone(cached)));
    assertThat(copy.getStatus().getConditions()).hasSize(1);
    copy.getStatus().getConditions().get(0).setStatus("False");
    copy.getStatus().getHistory().clear();
    copy.getMetadata().getLabels().put("team", "b");
    copy.getSpec().getImage().setTag("v3");
    assertThat(cached.getStatus().getConditions().get(0).getStatus()).isEqualTo("True");
    assertThat(cached.getStatus().getHistory()).hasSize(1);
    assertThat(cached.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(cached.getSpec().getImage().getTag()).isEqualTo("v2");
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
