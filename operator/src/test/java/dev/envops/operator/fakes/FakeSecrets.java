package dev.envops.operator.fakes;

import dev.envops.operator.reconcile.SecretSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Secrets in a map, as the informer cache would hold them. */
public final class FakeSecrets implements SecretSource {

  private final Map<String, Secret> secrets = new HashMap<>();

  /** Stores Secret {@code namespace/name} with {@code keyValues} (key, value, key, value...). */
  public FakeSecrets put(String namespace, String name, String... keyValues) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      data.put(
          keyValues[i],
          Base64.getEncoder().encodeToString(keyValues[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    secrets.put(
        namespace + "/" + name,
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withData(data)
            .build());
    return this;
  }

  @Override
  public Optional<Secret> get(String namespace, String name) {
    return Optional.ofNullable(secrets.get(namespace + "/" + name));
  }
}
