package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.sandbox.apiserver.KubeApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's own install manifests and examples, applied with kubectl to the sandbox. */
class OperatorManifestsAgainstSandboxTest {

  static final Path INSTALL = BumpScript.REPO_ROOT.resolve("operator/k8s");
  static final Path EXAMPLES = BumpScript.REPO_ROOT.resolve("crds/examples");

  @TempDir static Path home;

  private static Kubectl kubectl;

  @BeforeAll
  static void start() {
    Kubectl.assumeInstalled();
    Assumptions.assumeTrue(Files.isDirectory(INSTALL) && Files.isDirectory(EXAMPLES));
    try {
      kubectl =
          new Kubectl(
              KubeApiServer.shared().writeAdminKubeconfig(home.resolve("kubeconfig"), "default"),
              home);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void installWithKustomizeThenExamplesShowTheEnvironmentColumns() {
    kubectl.run("apply", "-k", INSTALL.toString()).succeeded();
    kubectl
        .run("wait", "--for=condition=Established", "crd/environments.envops.dev", "--timeout=10s")
        .succeeded();
    for (String example : List.of("bookings-qa.yaml", "bookings-prod.yaml")) {
      kubectl.run("apply", "-f", EXAMPLES.resolve(example).toString()).succeeded();
    }

    String table = kubectl.run("get", "env", "-n", "envops").succeeded().stdout();

    List<String> lines = table.lines().toList();
    assertThat(lines.get(0)).contains("NAME", "GIT REF", "TAG", "DEPLOY REQUEST", "URL", "PHASE");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("bookings-prod"));
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("bookings-qa"));
    assertThat(
            kubectl
                .run("get", "deployments,serviceaccounts", "-n", "envops-system")
                .succeeded()
                .stdout())
        .contains("deployment.apps/", "serviceaccount/");
  }
}
