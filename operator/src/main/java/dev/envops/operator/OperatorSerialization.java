package dev.envops.operator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The operator's JSON mapping for the Kubernetes API: fabric8's, with every object's {@code
 * metadata.managedFields} skipped as it is read. The API server sends them with every watch event
 * and every patch answer; nothing in the operator reads them, and building them as nested maps was
 * a large part of parsing each event. Never written either, so a write leaves the server's as they
 * are (an absent field, unlike an empty list, does not reset them).
 */
public final class OperatorSerialization {

  private OperatorSerialization() {}

  /** A fresh mapping (fabric8's modules and type registry on a mapper of its own). */
  public static KubernetesSerialization create() {
    ObjectMapper mapper = new ObjectMapper().addMixIn(ObjectMeta.class, WithoutManagedFields.class);
    return new KubernetesSerialization(mapper, true);
  }

  /** A client builder with this mapping; the caller adds the configuration. */
  public static KubernetesClientBuilder clientBuilder() {
    return new KubernetesClientBuilder().withKubernetesSerialization(create());
  }

  @JsonIgnoreProperties({"managedFields"})
  private abstract static class WithoutManagedFields {}
}
