package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.metrics.OperatorMetrics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two operators, each given a label-selected part of the fleet, never touch the other's part. */
class ShardingTest {

  private static final String SHARD = "envops.dev/shard";

  private OperatorHarness h;
  private final OperatorMetrics shardB = new OperatorMetrics();

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create(Map.of("ENVOPS_LABEL_SELECTOR", SHARD + "=a")).start();
    h.startAnother(Map.of("ENVOPS_LABEL_SELECTOR", SHARD + "=b"), shardB);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void eachShardReconcilesItsOwnEnvironmentsAndNoneTheOthers() {
    h.push("v1");
    h.apply(inShard(Environments.bookings("qa", h.repositoryUri(), "v1"), "a"));
    h.apply(inShard(Environments.bookings("prod", h.repositoryUri(), "v1"), "b"));
    h.apply(Environments.bookings("dev", h.repositoryUri(), "v1"));

    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);

    assertThat(h.metrics().environment(OperatorHarness.NAMESPACE, "qa")).isNotNull();
    assertThat(h.metrics().environment(OperatorHarness.NAMESPACE, "prod")).isNull();
    assertThat(shardB.environment(OperatorHarness.NAMESPACE, "prod")).isNotNull();
    assertThat(shardB.environment(OperatorHarness.NAMESPACE, "qa")).isNull();
    // An Environment in no shard is left alone by both: no finalizer, no status, no service.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(
            () -> {
              Environment dev = h.get("dev");
              return dev.getStatus() == null
                  && dev.getMetadata().getFinalizers().isEmpty()
                  && h.lightsail().service("dev-service").isEmpty();
            });
    assertThat(h.metrics().environment(OperatorHarness.NAMESPACE, "dev")).isNull();
    assertThat(shardB.environment(OperatorHarness.NAMESPACE, "dev")).isNull();
  }

  @Test
  void aPromotionGateReadsItsSourceInAnotherShard() {
    h.push("v1");
    h.apply(inShard(Environments.bookings("qa", h.repositoryUri(), "v1"), "a"));
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);

    h.apply(
        inShard(
            Environments.requiringReadyIn(
                Environments.bookings("prod", h.repositoryUri(), "v1"), "qa"),
            "b"));

    h.awaitStatus("prod", s -> s.getPhase() == Phase.Ready);
    assertThat(shardB.environment(OperatorHarness.NAMESPACE, "prod")).isNotNull();
  }

  private static Environment inShard(Environment env, String shard) {
    env.getMetadata().setLabels(Map.of(SHARD, shard));
    return env;
  }
}
