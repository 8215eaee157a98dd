package dev.envops.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads one key of a Secret, from {@code data} (base64) or {@code stringData}. */
final class SecretValues {

  private SecretValues() {}

  static Optional<String> value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      byte[] bytes = Base64.getDecoder().decode(secret.getData().get(key));
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }
    if (secret.getStringData() != null) {
      return Optional.ofNullable(secret.getStringData().get(key));
    }
    return Optional.empty();
  }
}
