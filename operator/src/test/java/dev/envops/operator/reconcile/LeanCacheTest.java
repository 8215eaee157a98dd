package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import org.junit.jupiter.api.Test;

class LeanCacheTest {

  @Test
  void anObjectIsCachedWithoutItsManagedFieldsAndWithEverythingElse() {
    ItemStore<Environment> store = LeanCache.store();
    Environment env = new Environment();
    env.setMetadata(
        new ObjectMetaBuilder()
            .withName("qa")
            .withNamespace("envops")
            .withResourceVersion("42")
            .withLabels(java.util.Map.of("team", "a"))
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Apply")
                    .build())
            .build());

    store.put(store.getKey(env), env);

    Environment cached = store.get("envops/qa");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(cached.getMetadata().getLabels()).containsEntry("team", "a");
  }
}
