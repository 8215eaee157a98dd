package dev.envops.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import org.junit.jupiter.api.Test;

/** The install's wait reads every CRD status the API server can show while the CRD is new. */
class CrdEstablishedTest {

  @Test
  void aStatusWithoutConditionsIsNotYetEstablished() {
    // The API server writes status.acceptedNames before any condition: CI once saw exactly this.
    CustomResourceDefinition fresh =
        new CustomResourceDefinitionBuilder()
            .withNewStatus()
            .withNewAcceptedNames()
            .withKind("Environment")
            .endAcceptedNames()
            .endStatus()
            .build();
    fresh.getStatus().setConditions(null);

    assertThat(OperatorInstallation.established(fresh)).isFalse();
    assertThat(OperatorInstallation.established(new CustomResourceDefinition())).isFalse();
    assertThat(OperatorInstallation.established(null)).isFalse();
  }

  @Test
  void anEstablishedConditionIsEstablished() {
    CustomResourceDefinition ready =
        new CustomResourceDefinitionBuilder()
            .withNewStatus()
            .addNewCondition()
            .withType("NamesAccepted")
            .withStatus("True")
            .endCondition()
            .addNewCondition()
            .withType("Established")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    CustomResourceDefinition notYet =
        new CustomResourceDefinitionBuilder()
            .withNewStatus()
            .addNewCondition()
            .withType("Established")
            .withStatus("False")
            .endCondition()
            .endStatus()
            .build();

    assertThat(OperatorInstallation.established(ready)).isTrue();
    assertThat(OperatorInstallation.established(notYet)).isFalse();
  }
}
