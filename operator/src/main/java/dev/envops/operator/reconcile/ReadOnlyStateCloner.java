package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The copy of a cached Environment JOSDK hands to a reconcile: its own metadata, the cache's spec
 * and status. A pass never writes either (the steps work on a copy of the status, {@code
 * EnvironmentReconciler}), and copying them was most of an idle resync pass's CPU in the fleet
 * benchmark; metadata is copied because fabric8's {@code edit} (the finalizer patches) changes the
 * object it is given. Anything else is copied whole through Jackson's token buffer, without
 * fabric8's JSON text round trip.
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
      return (R) cached.sharingSpecAndStatus(metadata(cached.getMetadata()));
    }
    // ObjectMapper.convertValue always copies (Jackson 2.10 dropped its same-type shortcut).
    return serialization.convertValue(object, (Class<R>) object.getClass());
  }

  // Through the constructor that takes every field (a field fabric8 adds breaks the build here),
  // each list and map a new one; fabric8's builder (its streams) was 5% of an idle pass.
  private static ObjectMeta metadata(ObjectMeta m) {
    ObjectMeta copy =
        new ObjectMeta(
            m.getAnnotations() == null ? null : new LinkedHashMap<>(m.getAnnotations()),
            m.getCreationTimestamp(),
            m.getDeletionGracePeriodSeconds(),
            m.getDeletionTimestamp(),
            m.getFinalizers() == null ? null : new ArrayList<>(m.getFinalizers()),
            m.getGenerateName(),
            m.getGeneration(),
            m.getLabels() == null ? null : new LinkedHashMap<>(m.getLabels()),
            copies(m.getManagedFields(), e -> new ManagedFieldsEntryBuilder(e).build()),
            m.getName(),
            m.getNamespace(),
            copies(m.getOwnerReferences(), o -> new OwnerReferenceBuilder(o).build()),
            m.getResourceVersion(),
            m.getSelfLink(),
            m.getUid());
    if (m.getAdditionalProperties() != null) {
      m.getAdditionalProperties().forEach(copy::setAdditionalProperty);
    }
    return copy;
  }

  private static <T> List<T> copies(List<T> items, UnaryOperator<T> copy) {
    if (items == null) {
      return null;
    }
    List<T> copies = new ArrayList<>(items.size());
    items.forEach(item -> copies.add(copy.apply(item)));
    return copies;
  }
}
