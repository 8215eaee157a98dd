package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;

/**
 * The copy of a cached Environment JOSDK hands to a reconcile: its own metadata, the cache's spec
 * and status. A pass never writes either (the steps work on a copy of the status, {@code
 * EnvironmentReconciler}), and copying them was most of an idle resync pass's CPU in the fleet
 * benchmark; metadata is copied (by its builder) because fabric8's {@code edit} (the finalizer
 * patches) changes the object it is given. Anything else is copied whole through Jackson's token
 * buffer, without fabric8's JSON text round trip.
 */
public final class ReadOnlyStateCloner implements Cloner {

  private final KubernetesSerialization serialization;

  public ReadOnlyStateCloner(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends HasMetadata> R clone(R object) {
    if (object.getClass() == Environment.class) {
      Environment cached = (Environment) object;
      Environment copy = new Environment();
      // The generated builder copies every list and map, without Jackson's token buffer.
      copy.setMetadata(new ObjectMetaBuilder(cached.getMetadata()).build());
      copy.setSpec(cached.getSpec());
      copy.setStatus(cached.getStatus());
      return (R) copy;
    }
    // ObjectMapper.convertValue always copies (Jackson 2.10 dropped its same-type shortcut).
    return serialization.convertValue(object, (Class<R>) object.getClass());
  }
}
