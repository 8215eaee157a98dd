package dev.envops.sandbox;

import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The repository's {@code crds/} directory as the build packed it into this jar: the CRD and the
 * example Environments {@code bookings-qa} and {@code bookings-prod}.
 */
public final class ExampleManifests {

  public static final String QA = "bookings-qa";
  public static final String PROD = "bookings-prod";

  private static final String ROOT = "envops/crds/";

  private ExampleManifests() {}

  /** {@code crds/examples/<name>.yaml} as an Environment. */
  public static Environment environment(String name) {
    try (InputStream in = open("examples/" + name + ".yaml")) {
      return Serialization.unmarshal(in, Environment.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String path) {
    InputStream in = ExampleManifests.class.getClassLoader().getResourceAsStream(ROOT + path);
    if (in == null) {
      throw new IllegalStateException("crds/" + path + " is not packed into the sandbox jar");
    }
    return in;
  }
}
