package dev.envops.operator.lightsail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.HealthCheckSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The configHash of a deployment: what statuses already hold must keep matching. */
class DesiredDeploymentTest {

  private static DesiredDeployment deployment(String image) {
    HealthCheckSpec health = new HealthCheckSpec();
    health.setPath("/healthz");
    return new DesiredDeployment("app", image, Map.of("B", "2", "A", "1"), 8080, health);
  }

  @Test
  void theHashIsTheOneEarlierVersionsWroteToStatus() {
    // Written by the operator before the hash reused its digest (800b337).
    assertThat(deployment("repo/app@sha256:ab").hash())
        .isEqualTo("sha256:5f1bf9785cb3214f969fdbcdf084d3ef1eacb6bd3d850c39c9cc41aa1c4c000e");
  }

  @Test
  void hashesTakenAtOnceOnManyThreadsAgree() throws Exception {
    List<String> images = IntStream.range(0, 64).mapToObj(i -> "repo/app:v" + i).toList();
    List<String> alone = images.stream().map(i -> deployment(i).hash()).toList();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> tasks =
          images.stream().map(i -> (Callable<String>) () -> deployment(i).hash()).toList();
      List<String> together =
          threads.invokeAll(tasks).stream().map(DesiredDeploymentTest::get).toList();
      assertThat(together).isEqualTo(alone).doesNotHaveDuplicates();
    } finally {
      threads.shutdownNow();
    }
  }

  private static String get(Future<String> f) {
    try {
      return f.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
