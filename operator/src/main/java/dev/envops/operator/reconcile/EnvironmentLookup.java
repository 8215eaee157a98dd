package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import java.util.Optional;
import java.util.stream.Stream;

/** Where steps read other Environments from (the operator's primary cache). */
public interface EnvironmentLookup {

  /** The Environment, if it exists. */
  Optional<Environment> get(String namespace, String name);

  /** Every Environment of the watched namespaces. */
  Stream<Environment> all();
}
