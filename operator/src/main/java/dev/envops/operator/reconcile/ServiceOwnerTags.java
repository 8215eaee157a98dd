package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The tags that say which Environment owns a container service the operator created. */
public final class ServiceOwnerTags {

  /** Tag put on services the operator creates: its value says which Environment owns it. */
  public static final String MANAGED_BY_TAG = "envops.dev/environment";

  /** Readable owner, beside the owner tag: the Environment's namespace (at most 63 characters). */
  public static final String NAMESPACE_TAG = "envops.dev/namespace";

  /** Readable owner, beside the owner tag: the Environment's name (at most 253 characters). */
  public static final String NAME_TAG = "envops.dev/name";

  private ServiceOwnerTags() {}

  /** The three tags of a service created for {@code env}. */
  static Map<String, String> of(Environment env) {
    return Map.of(
        MANAGED_BY_TAG,
        owner(env),
        NAMESPACE_TAG,
        env.getMetadata().getNamespace(),
        NAME_TAG,
        env.getMetadata().getName());
  }

  /**
   * The value of {@link #MANAGED_BY_TAG} for {@code env}: the SHA-256 of {@code namespace/name} in
   * hex (64 characters). {@code namespace.name} itself can reach 317 characters and Lightsail takes
   * tag values of at most 256; the readable name goes in {@link #NAMESPACE_TAG} and {@link
   * #NAME_TAG}. The hash, unlike the UID, survives deleting and re-creating the Environment.
   */
  static String owner(Environment env) {
    String key = env.getMetadata().getNamespace() + "/" + env.getMetadata().getName();
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when an owner tag value names {@code env}; {@code namespace.name} is the old form. */
  static boolean owns(String tagValue, Environment env) {
    return tagValue.equals(owner(env))
        || tagValue.equals(env.getMetadata().getNamespace() + "." + env.getMetadata().getName());
  }
}
