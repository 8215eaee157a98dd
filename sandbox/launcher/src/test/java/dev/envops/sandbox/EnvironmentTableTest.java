package dev.envops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.LightsailStatus;
import dev.envops.operator.environment.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentTableTest {

  private static final Instant NOW = Instant.parse("2026-11-27T20:00:00Z");

  @Test
  void printsTheCrdColumnsInKubectlOrderWithAlignedRows() {
    Environment prod = ExampleManifests.environment(ExampleManifests.PROD);
    prod.getMetadata().setCreationTimestamp("2026-11-27T19:58:30Z");
    EnvironmentStatus status = new EnvironmentStatus();
    status.setPhase(Phase.Ready);
    DeployRequestStatus deployRequest = new DeployRequestStatus();
    deployRequest.setNumber(2L);
    status.setDeployRequest(deployRequest);
    LightsailStatus lightsail = new LightsailStatus();
    lightsail.setUrl("http://127.0.0.1:41000/");
    status.setLightsail(lightsail);
    prod.setStatus(status);
    Environment qa = ExampleManifests.environment(ExampleManifests.QA);
    qa.getMetadata().setCreationTimestamp("2026-11-27T19:59:15Z");

    List<String> lines = EnvironmentTable.render(List.of(prod, qa), NOW).lines().toList();

    assertThat(lines.get(0)).startsWith("NAME").contains("PHASE", "DEPLOY REQUEST").endsWith("AGE");
    assertThat(lines.get(1))
        .matches("bookings-prod +Ready +9f1c2ab +main +2 +http://127\\.0\\.0\\.1:41000/ +90s");
    assertThat(lines.get(2)).matches("bookings-qa +9f1c2ab +qa +45s");
    assertThat(lines.get(1).indexOf("9f1c2ab")).isEqualTo(lines.get(0).indexOf("TAG"));
  }

  @Test
  void agesReadLikeKubectl() {
    assertThat(EnvironmentTable.age(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(EnvironmentTable.age(Duration.ofSeconds(190))).isEqualTo("3m10s");
    assertThat(EnvironmentTable.age(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(EnvironmentTable.age(Duration.ofMinutes(185))).isEqualTo("3h5m");
    assertThat(EnvironmentTable.age(Duration.ofHours(20))).isEqualTo("20h");
    assertThat(EnvironmentTable.age(Duration.ofHours(50))).isEqualTo("2d2h");
    assertThat(EnvironmentTable.age(Duration.ofDays(30))).isEqualTo("30d");
  }
}
