package dev.envops.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The launcher's command line; every option has an embedded default.
 *
 * @param exitAfterStory stop everything and exit 0 once the story passed (for scripts)
 * @param workDirectory where logs and the kubeconfig go (default: a new temporary directory)
 * @param kubeconfig a cluster of the user's to run on instead of the sandbox's own kube-apiserver
 * @param context the kubeconfig's context to use (default: its current context)
 */
public record LaunchOptions(
    boolean exitAfterStory,
    Optional<Path> workDirectory,
    Optional<Path> kubeconfig,
    Optional<String> context,
    boolean help) {

  public static final String USAGE =
"""
usage: java -jar sandbox/launcher/target/envops-sandbox.jar [--exit-after-story] [--work-dir DIR]
           [--kubeconfig FILE [--context NAME]]

  Starts MariaDB, the PlanetScale and Lightsail/ECR simulators, a real kube-apiserver
  and the envops operator on 127.0.0.1, applies crds/examples (bookings-qa, bookings-prod)
  and plays the bookings story: a schema change on dev, a QA release, a prod release with a
  deploy request dev -> main. Then prints the environments and their URLs and stays up
  until Ctrl-C.

  --exit-after-story   stop everything after the story and exit (0 when it passed)
  --work-dir DIR       keep logs and the kubeconfig in DIR (default: a temporary directory)
  --kubeconfig FILE    use the cluster of FILE (kind, minikube) instead of starting a
                       kube-apiserver: installs the CRD, namespaces envops-system and envops
                       and the operator's RBAC, and removes all of it on exit; refuses to
                       start when any of them exists already (no pod is started)
  --context NAME       with --kubeconfig: the context to use (default: the current one)
  --help               this text
""";

  /** Parses {@code args}; throws IllegalArgumentException naming the bad argument. */
  public static LaunchOptions parse(String... args) {
    boolean exit = false;
    boolean help = false;
    Path workDirectory = null;
    Path kubeconfig = null;
    String context = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--exit-after-story" -> exit = true;
        case "--help", "-h" -> help = true;
        case "--work-dir" -> workDirectory = Path.of(value(args, ++i, "--work-dir", "a directory"));
        case "--kubeconfig" -> kubeconfig = readable(value(args, ++i, "--kubeconfig", "a file"));
        case "--context" -> context = value(args, ++i, "--context", "a context name");
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    if (context != null && kubeconfig == null) {
      throw new IllegalArgumentException("--context goes with --kubeconfig FILE");
    }
    return new LaunchOptions(
        exit,
        Optional.ofNullable(workDirectory),
        Optional.ofNullable(kubeconfig),
        Optional.ofNullable(context),
        help);
  }

  private static String value(String[] args, int i, String option, String what) {
    if (i >= args.length || args[i].isBlank()) {
      throw new IllegalArgumentException(option + " needs " + what);
    }
    return args[i];
  }

  private static Path readable(String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("--kubeconfig " + file + ": no such file");
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("--kubeconfig " + file + ": not readable");
    }
    return path;
  }
}
