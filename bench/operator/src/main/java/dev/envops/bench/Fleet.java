package dev.envops.bench;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.HistoryEntry;
import dev.envops.operator.environment.Phase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the fleet's Environments say about one round, read from the Kubernetes API. */
record Fleet(int total, int converged, Map<String, Integer> phases, List<String> notConverged) {

  static Fleet read(BenchWorld world, int round) {
    List<Environment> all =
        world
            .client()
            .resources(Environment.class)
            .inNamespace(BenchWorld.NAMESPACE)
            .list()
            .getItems();
    Map<String, Integer> phases = new TreeMap<>();
    List<String> behind = new java.util.ArrayList<>();
    for (Environment env : all) {
      EnvironmentStatus status = env.getStatus();
      String phase =
          status == null || status.getPhase() == null ? "none" : status.getPhase().toString();
      phases.merge(phase, 1, Integer::sum);
      if (!converged(world, env, round)) {
        behind.add(env.getMetadata().getName());
      }
    }
    return new Fleet(all.size(), all.size() - behind.size(), phases, behind);
  }

  /**
   * Ready for this round's tag with the digest ECR holds, for the current generation, and the
   * newest history entry is that rollout, Succeeded: nothing of the rollout's status was lost.
   */
  static boolean converged(BenchWorld world, Environment env, int round) {
    int index = Integer.parseInt(env.getMetadata().getName().substring("env-".length()));
    return readyWith(world, env, BenchWorld.tag(round, index));
  }

  /** Ready with {@code tag}, its digest, for the current generation, history included. */
  static boolean readyWith(BenchWorld world, Environment env, String tag) {
    EnvironmentStatus status = env.getStatus();
    if (status == null
        || status.getPhase() != Phase.Ready
        || status.getImage() == null
        || !tag.equals(status.getImage().getTag())
        || !world.expectedDigest(tag).equals(status.getImage().getDigest())
        || !env.getMetadata().getGeneration().equals(status.getObservedGeneration())
        || status.getHistory() == null
        || status.getHistory().isEmpty()) {
      return false;
    }
    HistoryEntry newest = status.getHistory().get(0);
    return newest.getImage().contains(":" + tag)
        && HistoryEntry.SUCCEEDED.equals(newest.getResult());
  }

  /**
   * Environments whose history lists a Succeeded rollout of every round's tag, newest first (the
   * last 10): no rollout's record was lost or written twice.
   */
  static int historyIntact(BenchWorld world, int lastRound) {
    int intact = 0;
    for (Environment env :
        world
            .client()
            .resources(Environment.class)
            .inNamespace(BenchWorld.NAMESPACE)
            .list()
            .getItems()) {
      int index = Integer.parseInt(env.getMetadata().getName().substring("env-".length()));
      List<String> succeeded =
          env.getStatus() == null || env.getStatus().getHistory() == null
              ? List.of()
              : env.getStatus().getHistory().stream()
                  .filter(h -> HistoryEntry.SUCCEEDED.equals(h.getResult()))
                  .map(HistoryEntry::getImage)
                  .toList();
      List<String> expected = new java.util.ArrayList<>();
      for (int r = lastRound; r >= 0 && expected.size() < 10; r--) {
        expected.add(BenchWorld.tag(r, index));
      }
      boolean ok = true;
      for (int k = 0; ok && k < expected.size(); k++) {
        ok = k < succeeded.size() && succeeded.get(k).contains(":" + expected.get(k) + "@");
      }
      if (ok) {
        intact++;
      }
    }
    return intact;
  }

  /** Environment {@code name} as the API holds it now. */
  static Environment get(BenchWorld world, String name) {
    return world
        .client()
        .resources(Environment.class)
        .inNamespace(BenchWorld.NAMESPACE)
        .withName(name)
        .get();
  }

  boolean allConverged() {
    return converged == total;
  }

  @Override
  public String toString() {
    return converged + "/" + total + " converged " + phases;
  }
}
