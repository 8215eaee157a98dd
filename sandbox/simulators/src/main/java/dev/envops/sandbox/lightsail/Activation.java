package dev.envops.sandbox.lightsail;

import java.net.URI;
import java.util.Optional;

/**
 * What a {@link ContainerRuntime} reports after starting a deployment.
 *
 * @param url where the running deployment answers; replaces the service's {@code url} when set
 */
public record Activation(boolean healthy, Optional<URI> url, String message) {

  public static Activation passed() {
    return new Activation(true, Optional.empty(), "healthy");
  }

  public static Activation passedAt(URI url) {
    return new Activation(true, Optional.of(url), "healthy");
  }

  public static Activation failed(String message) {
    return new Activation(false, Optional.empty(), message);
  }
}
