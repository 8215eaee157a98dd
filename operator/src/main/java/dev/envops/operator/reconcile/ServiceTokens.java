package dev.envops.operator.reconcile;

import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.planetscale.ServiceToken;
import java.util.Optional;

/**
 * Reads the PlanetScale service token from the Secret the spec names (keys {@code id}, {@code
 * token}).
 */
final class ServiceTokens {

  private ServiceTokens() {}

  static Optional<ServiceToken> read(RolloutContext ctx, DatabaseSpec db) {
    if (db.getServiceTokenSecretRef() == null) {
      return Optional.empty();
    }
    String namespace = ctx.environment().getMetadata().getNamespace();
    return ctx.secrets()
        .get(namespace, db.getServiceTokenSecretRef().getName())
        .flatMap(
            secret -> {
              Optional<String> id = SecretValues.value(secret, "id");
              Optional<String> token = SecretValues.value(secret, "token");
              if (id.isEmpty() || token.isEmpty() || id.get().isBlank() || token.get().isBlank()) {
                return Optional.empty();
              }
              return Optional.of(new ServiceToken(id.get(), token.get()));
            });
  }

  /** The condition message for a token Secret that is missing or lacks a key. */
  static String notFound(RolloutContext ctx, DatabaseSpec db) {
    return "spec.database.serviceTokenSecretRef: Secret "
        + ctx.environment().getMetadata().getNamespace()
        + "/"
        + db.getServiceTokenSecretRef().getName()
        + " with keys id and token (the PlanetScale service token) not found";
  }
}
