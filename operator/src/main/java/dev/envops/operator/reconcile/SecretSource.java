package dev.envops.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Where steps read Secrets from (the operator's informer cache). */
@FunctionalInterface
public interface SecretSource {

  /** The Secret, if it exists. */
  Optional<Secret> get(String namespace, String name);
}
