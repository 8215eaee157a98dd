package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import java.util.List;
import java.util.Optional;

/** Where steps read other Environments from (every watched one, whichever shard reconciles it). */
public interface EnvironmentLookup {

  /** The Environment, if it exists. */
  Optional<Environment> get(String namespace, String name);

  /**
   * The Environments that name {@code env}'s container service (same account, region and name),
   * {@code env} included: an index lookup, not a scan of the fleet.
   */
  List<Environment> namingTheServiceOf(Environment env);
}
