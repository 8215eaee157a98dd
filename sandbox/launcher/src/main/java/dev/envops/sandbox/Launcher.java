package dev.envops.sandbox;

import dev.envops.operator.environment.Environment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Starts the sandbox, plays the story and prints where everything is: the launcher's core. */
public final class Launcher {

  private final PrintStream out;
  private final SandboxTimings timings;

  public Launcher(PrintStream out, SandboxTimings timings) {
    this.out = out;
    this.timings = timings;
  }

  /**
   * Starts {@code sandbox} and plays the story on it, then prints the summary. Throws (after
   * printing why) when a part does not start or a step of the story goes wrong; the caller closes
   * the sandbox either way.
   */
  public StoryResult startAndPlay(Sandbox sandbox) {
    Progress progress = new Progress(out);
    progress.step("envops sandbox starting (work directory " + sandbox.workDirectory() + ")");
    sandbox.start(progress);
    try {
      StoryResult result = new Story(sandbox, progress).play();
      progress.step(
          String.format(
              "story passed: QA Ready %.1f s after its bump (at %.1f s), prod Ready %.1f s after"
                  + " its bump with deploy request #%d (at %.1f s)",
              result.qaBumpToReady(),
              result.qaReadyAt(),
              result.prodBumpToReady(),
              result.deployRequest(),
              result.prodReadyAt()));
      printSummary(sandbox);
      return result;
    } catch (RuntimeException e) {
      progress.step("story failed: " + e.getMessage());
      printSummary(sandbox);
      throw e;
    }
  }

  /** A new sandbox with this launcher's timings. */
  public Sandbox newSandbox(Path workDirectory) {
    return new Sandbox(workDirectory, timings);
  }

  /** A new sandbox with this launcher's timings on the cluster {@code clusterOpener} opens. */
  public Sandbox newSandbox(Path workDirectory, SandboxCluster.Opener clusterOpener) {
    return new Sandbox(workDirectory, timings, clusterOpener);
  }

  /** The environment table, the URLs to try, kubectl's command line and where the logs are. */
  public void printSummary(Sandbox sandbox) {
    List<Environment> environments =
        sandbox
            .client()
            .resources(Environment.class)
            .inNamespace(PlatformSetup.NAMESPACE)
            .list()
            .getItems();
    String kubectl = sandbox.cluster().kubectl() + " -n " + PlatformSetup.NAMESPACE;
    StringBuilder summary = new StringBuilder();
    summary.append("\nEnvironments (").append(kubectl).append(" get env):\n");
    summary.append(EnvironmentTable.render(environments, Instant.now()));
    summary.append("\nThe bookings API, as served from each Lightsail URL:\n");
    for (Environment env : environments) {
      if (env.getStatus() != null
          && env.getStatus().getLightsail() != null
          && env.getStatus().getLightsail().getUrl() != null) {
        summary
            .append("  curl ")
            .append(HotelsClient.hotelsUri(env.getStatus().getLightsail().getUrl()))
            .append("    # ")
            .append(env.getMetadata().getName())
            .append('\n');
      }
    }
    summary
        .append("\nkubectl (the kube-apiserver at ")
        .append(sandbox.cluster().url())
        .append("):\n");
    summary.append("  ").append(kubectl).append(" get env\n");
    summary.append("  ").append(kubectl).append(" get env bookings-prod -o yaml\n");
    summary.append("  ").append(kubectl).append(" get events\n");
    summary.append("  export KUBECONFIG=").append(sandbox.kubeconfig()).append('\n');
    summary
        .append("\nPlanetScale API: ")
        .append(sandbox.planetScale().baseUrl())
        .append(
            "  (organization acme, database bookings_api; token in Secret planetscale-token)\n");
    summary
        .append("Logs: ")
        .append(sandbox.workDirectory().resolve("sandbox.log"))
        .append(" (operator, simulators); containers: ")
        .append(sandbox.workDirectory().resolve("logs"))
        .append('\n');
    out.print(summary);
    out.flush();
  }
}
