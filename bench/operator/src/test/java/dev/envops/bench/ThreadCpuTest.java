package dev.envops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void reconcileThreadsCountTogetherUnderEitherName() {
    assertThat(ThreadCpu.group("ReconcilerExecu")).isEqualTo("reconcile and other pool threads");
    assertThat(ThreadCpu.group("pool-3-thread-17")).isEqualTo("reconcile and other pool threads");
    assertThat(ThreadCpu.group("OkHttp Dispatch")).startsWith("OkHttp threads");
    assertThat(ThreadCpu.group("VM Thread")).isEqualTo("VM thread (serial GC)");
    assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo("JIT compiler");
    assertThat(ThreadCpu.group("envops-aws-time")).isEqualTo("other");
  }

  @Test
  void chargesEachThreadsTicksSinceTheEarlierMomentPerRollout() {
    ThreadCpu before =
        new ThreadCpu(
            Map.of(
                1L, new ThreadCpu.Sample("reconcile and other pool threads", 100),
                2L, new ThreadCpu.Sample("VM thread (serial GC)", 50)));
    ThreadCpu after =
        new ThreadCpu(
            Map.of(
                1L, new ThreadCpu.Sample("reconcile and other pool threads", 400),
                2L, new ThreadCpu.Sample("VM thread (serial GC)", 60),
                3L, new ThreadCpu.Sample("reconcile and other pool threads", 100)));

    // 10 ms per tick, over 10 rollouts: (300 + 100) ticks and 10 ticks.
    assertThat(after.since(before, 10))
        .isEqualTo("reconcile and other pool threads 400.0 ms, VM thread (serial GC) 10.0 ms");
  }
}
