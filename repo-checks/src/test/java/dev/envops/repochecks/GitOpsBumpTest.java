package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitOps path: the bump becomes a commit to the Environment manifest in a git repository. */
class GitOpsBumpTest {

  static final String SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  @TempDir Path home;
  private Path origin;
  private BumpScript script;

  @BeforeEach
  void originWithTheManifests() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git is not installed");
    Path seed = home.resolve("seed");
    Files.createDirectories(seed.resolve("environments"));
    for (String name : List.of("bookings-qa", "bookings-prod")) {
      try (InputStream in = BumpEnvironmentScriptTest.fixture(name)) {
        Files.copy(in, seed.resolve("environments/" + name + ".yaml"));
      }
    }
    git(seed, "init", "--quiet", "--initial-branch=main");
    git(seed, "add", ".");
    git(seed, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "seed");
    origin = home.resolve("origin.git");
    git(home, "clone", "--quiet", "--bare", seed.toString(), origin.toString());
    // No cluster in GitOps mode: a kubeconfig that points nowhere proves kubectl is not used.
    script = new BumpScript(home.resolve("no-kubeconfig"), home);
  }

  private Map<String, String> gitops(Map<String, String> build) {
    Map<String, String> variables = new HashMap<>(build);
    variables.put("GITOPS_REPO", "file://" + origin);
    variables.put("GITOPS_BRANCH", "main");
    return variables;
  }

  @Test
  void aPushToQaCommitsAOneLineChangeToTheQaManifest() {
    BumpScript.Result result = script.run(gitops(BumpScript.qaPush(SHA)));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(git(origin, "log", "--format=%s", "main"))
        .startsWith("Deploy " + SHA + " to bookings-qa (qa)");
    String diff = git(origin, "diff", "--unified=0", "main~1", "main");
    List<String> changed = changedLines(diff);
    assertThat(changed).containsExactly("-    tag: 9f1c2ab", "+    tag: \"" + SHA + "\"");
    assertThat(diff).contains("environments/bookings-qa.yaml").doesNotContain("bookings-prod");
  }

  @Test
  void aMergedPullRequestSetsTagAndGitRefOfProdAndASecondRunCommitsNothing() {
    Map<String, String> build = new HashMap<>(BumpScript.mergedIntoMain("abc1234"));
    build.put("GIT_REF", "release-7");
    script.run(gitops(build));

    assertThat(changedLines(git(origin, "diff", "--unified=0", "main~1", "main")))
        .containsExactly(
            "-  gitRef: main", "+  gitRef: release-7", "-    tag: 9f1c2ab", "+    tag: abc1234");

    String head = git(origin, "rev-parse", "main");
    BumpScript.Result again = script.run(gitops(build));
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("nothing to commit");
    assertThat(git(origin, "rev-parse", "main")).isEqualTo(head);
  }

  @Test
  void aMissingManifestIsRefusedWithoutACommit() {
    String head = git(origin, "rev-parse", "main");
    Map<String, String> build = gitops(BumpScript.qaPush(SHA));
    build.put("ENVIRONMENT", "bookings-staging");

    BumpScript.Result result = script.run(build);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("environments/bookings-staging.yaml not found");
    assertThat(git(origin, "rev-parse", "main")).isEqualTo(head);
  }

  private static List<String> changedLines(String diff) {
    List<String> lines = new ArrayList<>();
    for (String line : diff.lines().toList()) {
      if ((line.startsWith("+") || line.startsWith("-"))
          && !line.startsWith("+++")
          && !line.startsWith("---")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private String git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("HOME", home.toString());
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("git %s: %s", args, out).isZero();
      return out.trim();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
