package dev.envops.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar envops-sandbox.jar}: the whole envops pipeline on this machine. */
public final class SandboxMain {

  /** Held so the level set on it is not garbage-collected away. */
  private static final Logger JUL_ROOT = Logger.getLogger("");

  private SandboxMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("envops sandbox: " + e.getMessage());
      System.err.print(LaunchOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(LaunchOptions.USAGE);
      return;
    }
    Path workDirectory =
        options.workDirectory().isPresent()
            ? Files.createDirectories(options.workDirectory().get())
            : Files.createTempDirectory("envops-sandbox-");
    logTo(workDirectory.resolve("sandbox.log"));

    Launcher launcher = new Launcher(System.out, SandboxTimings.interactive());
    Sandbox sandbox =
        options.kubeconfig().isPresent()
            ? launcher.newSandbox(
                workDirectory,
                dir -> KubeconfigCluster.connect(options.kubeconfig().get(), options.context()))
            : launcher.newSandbox(workDirectory);
    AtomicBoolean stopping = new AtomicBoolean();
    // Ctrl-C at any moment stops every process the sandbox started.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  System.out.println("\nenvops sandbox: stopping everything ...");
                  sandbox.close();
                },
                "envops-sandbox-stop"));
    try {
      launcher.startAndPlay(sandbox);
    } catch (RuntimeException e) {
      if (stopping.get()) {
        return; // Stopped by Ctrl-C: the story broke off because the sandbox went away.
      }
      System.err.println("envops sandbox: FAILED: " + e.getMessage());
      sandbox.close();
      System.exit(1);
      return;
    }
    if (options.exitAfterStory()) {
      System.out.println("\n--exit-after-story: stopping everything.");
      sandbox.close();
      System.exit(sandbox.stoppedCleanly() ? 0 : 1);
      return;
    }
    System.out.println("\nThe sandbox is up. Ctrl-C to stop.");
    new CountDownLatch(1).await();
  }

  /** Sends all logging to {@code file}: the console is for the story. */
  private static void logTo(Path file) {
    System.setProperty("envops.sandbox.log", file.toString());
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-sandbox.xml");
    }
    // The fabric8 mock web server logs every request through java.util.logging.
    JUL_ROOT.setLevel(Level.WARNING);
  }
}
