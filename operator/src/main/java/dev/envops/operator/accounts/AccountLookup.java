package dev.envops.operator.accounts;

import dev.envops.operator.environment.Environment;

/** Which cloud account an Environment deploys to. */
@FunctionalInterface
public interface AccountLookup {

  /** The account {@code env} deploys to. */
  CloudAccount of(Environment env);
}
