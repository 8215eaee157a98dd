package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many watches of Environments an operator holds open on the API server (its own {@code
 * apiserver_longrunning_requests}): each watch is a second stream of every Environment change to
 * parse and a second cache of every Environment to keep.
 */
class EnvironmentWatchesTest {

  private static final Pattern WATCHES =
      Pattern.compile("^apiserver_longrunning_requests\\{(.*)} (\\S+)$");

  private OperatorHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anUnshardedOperatorWatchesEnvironmentsOnce() throws Exception {
    h = OperatorHarness.create().start();

    awaitSteady(1);
  }

  @Test
  void aShardWatchesItsOwnPartAndEveryEnvironmentForItsGatesAndServices() throws Exception {
    h = OperatorHarness.create(Map.of("ENVOPS_LABEL_SELECTOR", "envops.dev/shard=a")).start();

    awaitSteady(2);
  }

  @Test
  void theOperatorParsesAWatchEventStraightIntoAnEnvironment() throws Exception {
    h = OperatorHarness.create().start();
    String event =
        "{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"envops.dev/v1alpha1\","
            + "\"kind\":\"Environment\",\"metadata\":{\"name\":\"qa\"},"
            + "\"spec\":{\"image\":{\"tag\":\"v1\"}}}}";

    WatchEvent parsed =
        h.operatorClient().getKubernetesSerialization().unmarshal(event, WatchEvent.class);

    assertThat(parsed.getObject()).isInstanceOf(Environment.class);
    assertThat(((Environment) parsed.getObject()).getSpec().getImage().getTag()).isEqualTo("v1");
  }

  private void awaitSteady(int expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .during(Duration.ofSeconds(2))
        .until(() -> environmentWatches() == expected);
  }

  private int environmentWatches() {
    int open = 0;
    for (String line : h.client().raw("/metrics").split("\n")) {
      Matcher m = WATCHES.matcher(line);
      if (m.matches()
          && m.group(1).contains("resource=\"environments\"")
          && m.group(1).contains("verb=\"WATCH\"")) {
        open += (int) Double.parseDouble(m.group(2));
      }
    }
    return open;
  }
}
