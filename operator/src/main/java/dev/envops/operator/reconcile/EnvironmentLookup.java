package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import java.util.Optional;

/** Where steps read other Environments from (the operator's primary cache). */
@FunctionalInterface
public interface EnvironmentLookup {

  /** The Environment, if it exists. */
  Optional<Environment> get(String namespace, String name);
}
