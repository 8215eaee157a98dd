package dev.envops.operator.environment;

/** The name rules of the Kubernetes objects a spec refers to (Secrets, other Environments). */
public final class KubernetesNames {

  /** An object name (DNS-1123 subdomain), e.g. {@code bookings-qa-db}. */
  public static final String OBJECT_NAME_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** Longest object name. */
  public static final int OBJECT_NAME_MAX = 253;

  /** A key of a Secret's data. */
  public static final String SECRET_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

  private KubernetesNames() {}
}
