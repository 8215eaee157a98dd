package dev.envops.sandbox.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the runnable bookings-api jar every simulated container starts from. */
public final class BookingsApiJar {

  /** System property naming the jar explicitly (the tests set it). */
  public static final String PROPERTY = "envops.bookingsApiJar";

  static final String FILE_NAME = "bookings-api.jar";

  private BookingsApiJar() {}

  /**
   * The jar named by {@value #PROPERTY}, else the one next to the launcher's own jar (the build
   * copies it there), else {@code bookings-api/target/bookings-api.jar} under the working
   * directory.
   */
  public static Path locate() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).ifPresent(candidates::add);
    launcherDirectory().map(dir -> dir.resolve(FILE_NAME)).ifPresent(candidates::add);
    candidates.add(Path.of("bookings-api", "target", FILE_NAME));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .map(Path::toAbsolutePath)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "bookings-api.jar not found (looked at "
                        + candidates
                        + "); build it with: mvn -B -q -pl sandbox/launcher -am package"
                        + " -DskipTests"));
  }

  private static Optional<Path> launcherDirectory() {
    try {
      var source = BookingsApiJar.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      // target/envops-sandbox.jar and target/classes both sit in target/, next to the copy.
      return Optional.ofNullable(Path.of(source.getLocation().toURI()).getParent());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
