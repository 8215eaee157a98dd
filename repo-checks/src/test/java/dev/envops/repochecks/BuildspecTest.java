package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** buildspec.yml: CodeBuild's shape, and every program it runs is in the repo or the image. */
class BuildspecTest {

  static final Path BUILDSPEC = BumpScript.REPO_ROOT.resolve("buildspec.yml");

  /** In aws/aws-codebuild-docker-images' standard (Ubuntu) image: AWS CLI v2, Docker, git, ... */
  static final Set<String> CODEBUILD_IMAGE =
      Set.of(
          "aws",
          "docker",
          "git",
          "curl",
          "jq",
          "bash",
          "sha256sum",
          "base64",
          "chmod",
          "mkdir",
          "cat",
          "sed",
          "awk",
          "grep",
          "tr",
          "cut",
          "mktemp",
          "rm",
          "date",
          "sleep",
          "env");

  private static Map<String, Object> buildspec;

  @BeforeAll
  static void parse() throws IOException {
    try (Reader reader = Files.newBufferedReader(BUILDSPEC)) {
      buildspec = new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<String> commands(String phase) {
    Map<String, Object> phases = map(buildspec, "phases");
    return (List<String>) map(phases, phase).get("commands");
  }

  private static List<String> allCommands() {
    List<String> all = new ArrayList<>();
    for (String phase : List.of("install", "pre_build", "build", "post_build")) {
      all.addAll(commands(phase));
    }
    return all;
  }

  @Test
  void isVersion02WithTheFourPhasesInBash() {
    assertThat(buildspec.get("version").toString()).isEqualTo("0.2");
    assertThat(map(buildspec, "phases"))
        .containsOnlyKeys("install", "pre_build", "build", "post_build");
    assertThat(map(buildspec, "env").get("shell")).isEqualTo("bash");
  }

  @Test
  void everyProgramItRunsIsInTheRepoTheImageOrInstalledByIt() {
    String install = String.join("\n", commands("install"));
    List<String> programs = new ArrayList<>();
    allCommands().forEach(command -> programs.addAll(ShellCommands.programs(command)));

    assertThat(programs).contains("docker", "aws", "scripts/bump-environment");
    // scripts/bump-environment runs kubectl (and git, awk, sed: in the image).
    assertThat(install).contains("/usr/local/bin/kubectl");
    for (String program : programs) {
      boolean inRepo =
          program.contains("/") && Files.isExecutable(BumpScript.REPO_ROOT.resolve(program));
      boolean installed = install.contains("/usr/local/bin/" + program);
      assertThat(CODEBUILD_IMAGE.contains(program) || inRepo || installed)
          .as(
              "%s is neither in the repo, the CodeBuild image nor installed by the buildspec",
              program)
          .isTrue();
    }
  }

  @Test
  void theShellCommandParserFindsProgramsInsidePipesSubstitutionsAndConditions() {
    assertThat(
            ShellCommands.programs(
                "if aws ecr x >/dev/null 2>&1; then\n  echo \"$(cat f)  a b\" | sha256sum -c\n"
                    + "else X=1 missing-tool --flag # a comment with docker\nfi"))
        .containsExactly("aws", "cat", "sha256sum", "missing-tool");
  }

  @Test
  void buildsPushesTheCommitShaAndBumpsOnlyAfterASucceedingBuild() {
    String all = String.join("\n", allCommands());
    assertThat(all)
        .contains("IMAGE_TAG=\"$CODEBUILD_RESOLVED_SOURCE_VERSION\"")
        .contains("docker build")
        .contains("--tag \"$REPOSITORY_URI:$IMAGE_TAG\"")
        .contains("docker push \"$REPOSITORY_URI:$IMAGE_TAG\"");
    String postBuild = String.join("\n", commands("post_build"));
    assertThat(postBuild)
        .contains("\"$CODEBUILD_BUILD_SUCCEEDING\" = 1")
        .contains("scripts/bump-environment");
    assertThat(String.join("\n", commands("build"))).doesNotContain("bump-environment");
  }

  @Test
  void noCloudDeployCallsAndCredentialsOnlyFromSecretsManager() {
    String all = String.join("\n", allCommands()).toLowerCase();
    assertThat(all)
        .doesNotContain("lightsail")
        .doesNotContain("pscale")
        .doesNotContain("planetscale");

    Map<String, Object> env = map(buildspec, "env");
    assertThat(map(env, "secrets-manager")).containsOnlyKeys("KUBECONFIG_DATA", "GITOPS_TOKEN");
    map(env, "variables")
        .forEach(
            (name, value) -> {
              if (name.matches(".*(TOKEN|PASSWORD|SECRET|KEY|KUBECONFIG_DATA|DSN).*")) {
                assertThat(value.toString()).as("plain-text credential %s", name).isEmpty();
              }
            });
  }
}
