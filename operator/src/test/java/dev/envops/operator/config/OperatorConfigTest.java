package dev.envops.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWhenNothingIsSet() {
    OperatorConfig c = OperatorConfig.from(Map.of());

    assertThat(c.namespaces()).isEmpty();
    assertThat(c.resyncPeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.metricsPort()).isEqualTo(8080);
    assertThat(c.leaderElection()).isTrue();
    assertThat(c.serverSideApply()).isTrue();
    assertThat(c.lightsailEndpoint()).isEmpty();
  }

  @Test
  void readsEveryVariable() {
    OperatorConfig c =
        OperatorConfig.from(
            Map.of(
                "ENVOPS_NAMESPACES", "envops, staging ,",
                "ENVOPS_RESYNC_PERIOD", "90s",
                "ENVOPS_POLL_INTERVAL", "PT2S",
                "ENVOPS_LIGHTSAIL_ENDPOINT", "http://127.0.0.1:4566",
                "ENVOPS_METRICS_PORT", "9090",
                "ENVOPS_LEADER_ELECTION", "false",
                "ENVOPS_LEASE_NAMESPACE", "ops"));

    assertThat(c.namespaces()).isEqualTo(Set.of("envops", "staging"));
    assertThat(c.resyncPeriod()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.lightsailEndpoint()).contains(URI.create("http://127.0.0.1:4566"));
    assertThat(c.metricsPort()).isEqualTo(9090);
    assertThat(c.leaderElection()).isFalse();
    assertThat(c.leaseNamespace()).isEqualTo(Optional.of("ops"));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("ENVOPS_RESYNC_PERIOD", "soon")))
        .hasMessageContaining("ENVOPS_RESYNC_PERIOD");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("ENVOPS_LEADER_ELECTION", "yes")))
        .hasMessageContaining("ENVOPS_LEADER_ELECTION");
  }
}
