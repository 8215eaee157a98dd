package dev.envops.sandbox;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The launcher's command line; every option has an embedded default.
 *
 * @param exitAfterStory stop everything and exit 0 once the story passed (for scripts)
 * @param workDirectory where logs and the kubeconfig go (default: a new temporary directory)
 */
public record LaunchOptions(boolean exitAfterStory, Optional<Path> workDirectory, boolean help) {

  public static final String USAGE =
      """
usage: java -jar sandbox/launcher/target/envops-sandbox.jar [--exit-after-story] [--work-dir DIR]

  Starts MariaDB, the PlanetScale and Lightsail/ECR simulators, a real kube-apiserver
  and the envops operator on 127.0.0.1, applies crds/examples (bookings-qa, bookings-prod)
  and plays the bookings story: a schema change on dev, a QA release, a prod release with a
  deploy request dev -> main. Then prints the environments and their URLs and stays up
  until Ctrl-C.

  --exit-after-story   stop everything after the story and exit (0 when it passed)
  --work-dir DIR       keep logs and the kubeconfig in DIR (default: a temporary directory)
  --help               this text
""";

  /** Parses {@code args}; throws IllegalArgumentException naming the bad argument. */
  public static LaunchOptions parse(String... args) {
    boolean exit = false;
    boolean help = false;
    Path workDirectory = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--exit-after-story" -> exit = true;
        case "--help", "-h" -> help = true;
        case "--work-dir" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--work-dir needs a directory");
          }
          workDirectory = Path.of(args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    return new LaunchOptions(exit, Optional.ofNullable(workDirectory), help);
  }
}
