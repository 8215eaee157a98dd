package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the Environments whose last pass the PlanetScale budget turned away, so that their next
 * pass is turned away before its steps run while the organization's budget would still refuse its
 * first call and the spec is unchanged.
 */
final class BudgetTurnaways {

  private record Refusal(long generation, String organization) {}

  private final PlanetScaleBudget budget;
  private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

  BudgetTurnaways(PlanetScaleBudget budget) {
    this.budget = budget;
  }

  /** The budget turned away {@code env}'s pass; returns its organization (null: none named). */
  String refused(Environment env) {
    var database = env.getSpec() == null ? null : env.getSpec().getDatabase();
    if (database == null || database.getOrganization() == null) {
      return null;
    }
    refused.put(
        env.getMetadata().getUid(), new Refusal(generation(env), database.getOrganization()));
    return database.getOrganization();
  }

  /** The pass of the Environment with {@code uid} got past the budget, or it is gone. */
  void cleared(String uid) {
    refused.remove(uid);
  }

  /**
   * True when {@code env}'s pass would only be turned away again: its last one was, its spec has
   * not changed since, and the budget has no slot for a first call now. Running its steps would
   * cost the pass's CPU (status copy, steps, comparison) for nothing.
   */
  boolean turnsAway(Environment env) {
    Refusal last = refused.get(env.getMetadata().getUid());
    return last != null
        && last.generation() == generation(env)
        && budget.turnsAwayFirstCall(last.organization());
  }

  private static long generation(Environment env) {
    Long g = env.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }
}
