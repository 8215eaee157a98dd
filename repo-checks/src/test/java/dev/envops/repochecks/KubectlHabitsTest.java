package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.sandbox.apiserver.KubeApiServer;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first habits of a platform engineer, with the real kubectl against the real API server and
 * the shipped CRD: each one the former in-memory API broke (issue 17) is here.
 */
class KubectlHabitsTest {

  private static final String NS = "habits";
  private static final String SA =
      "system:serviceaccount:"
          + OperatorInstallation.NAMESPACE
          + ":"
          + OperatorInstallation.SERVICE_ACCOUNT;

  @TempDir static Path home;
  private static Kubectl kubectl;
  private static Path qa;

  @BeforeAll
  static void start() throws IOException {
    Kubectl.assumeInstalled();
    KubeApiServer server = KubeApiServer.shared();
    OperatorInstallation.install(server, OperatorManifests.fromRepository(BumpScript.REPO_ROOT));
    kubectl = new Kubectl(server.writeAdminKubeconfig(home.resolve("kubeconfig"), NS), home);
    kubectl.run("create", "namespace", NS).succeeded();
    qa =
        Files.writeString(
            home.resolve("qa.yaml"),
            Files.readString(BumpScript.REPO_ROOT.resolve("crds/examples/bookings-qa.yaml"))
                .replace("namespace: envops", "namespace: " + NS));
  }

  @Test
  void applyTwiceClientOrServerSideDuplicatesNothing() {
    kubectl.run("apply", "-f", qa.toString()).succeeded();
    assertThat(kubectl.run("apply", "-f", qa.toString()).succeeded().stdout())
        .contains("unchanged");
    kubectl.run("apply", "--server-side", "--force-conflicts", "-f", qa.toString()).succeeded();
    kubectl.run("apply", "--server-side", "--force-conflicts", "-f", qa.toString()).succeeded();

    String envFrom =
        kubectl
            .run("get", "env", "bookings-qa", "-o", "jsonpath={.spec.lightsail.envFrom[*].name}")
            .succeeded()
            .stdout();
    assertThat(envFrom.trim()).isEqualTo("DSN");
  }

  @Test
  void setBasedSelectorsMatchOnlyWhatTheySay() {
    kubectl.run("apply", "-f", qa.toString()).succeeded();
    kubectl.run("label", "env", "bookings-qa", "team=payments", "--overwrite").succeeded();

    assertThat(
            kubectl.run("get", "env", "-l", "team in (nobody)", "-o", "name").succeeded().stdout())
        .isBlank();
    assertThat(kubectl.run("delete", "env", "-l", "team in (nobody)").succeeded().stdout())
        .doesNotContain("deleted");
    assertThat(
            kubectl
                .run("get", "env", "-l", "team notin (nobody)", "-o", "name")
                .succeeded()
                .stdout())
        .contains("environment.envops.dev/bookings-qa");
  }

  @Test
  void explainDiffAndServerDryRunWork() throws IOException {
    kubectl.run("apply", "-f", qa.toString()).succeeded();

    assertThat(kubectl.run("explain", "environment.spec.lightsail").succeeded().stdout())
        .contains("containerPort", "serviceName");
    Path changed =
        Files.writeString(
            home.resolve("qa-changed.yaml"), Files.readString(qa).replace("scale: 1", "scale: 2"));
    Kubectl.Result diff = kubectl.run("diff", "-f", changed.toString());
    assertThat(diff.exitCode()).as(diff.stderr()).isEqualTo(1);
    assertThat(diff.stdout())
        .containsPattern("(?m)^-\\s+scale: 1$")
        .containsPattern("(?m)^\\+\\s+scale: 2$");
    kubectl.run("apply", "--dry-run=server", "-f", changed.toString()).succeeded();
    assertThat(
            kubectl
                .run("get", "env", "bookings-qa", "-o", "jsonpath={.spec.lightsail.scale}")
                .succeeded()
                .stdout())
        .isEqualTo("1");
  }

  @Test
  void authCanIShowsTheOperatorsLimits() {
    assertThat(
            kubectl
                .run("auth", "can-i", "get", "secrets", "-n", "envops", "--as", SA)
                .stdout()
                .trim())
        .isEqualTo("yes");
    assertThat(kubectl.run("auth", "can-i", "get", "secrets", "-n", NS, "--as", SA).stdout().trim())
        .isEqualTo("no");
    assertThat(
            kubectl
                .run("auth", "can-i", "patch", "environments/status", "-n", NS, "--as", SA)
                .stdout()
                .trim())
        .isEqualTo("yes");
  }

  @Test
  void createSecretStoresItsDataAndWaitFollowsConditionsAndDeletion() {
    kubectl.run("create", "secret", "generic", "token", "--from-literal=id=abc").succeeded();
    assertThat(
            kubectl.run("get", "secret", "token", "-o", "jsonpath={.data.id}").succeeded().stdout())
        .isEqualTo("YWJj");

    kubectl.run("apply", "-f", qa.toString()).succeeded();
    kubectl
        .run(
            "patch",
            "env",
            "bookings-qa",
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Deployed\","
                + "\"message\":\"ok\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}")
        .succeeded();
    kubectl.run("wait", "--for=condition=Ready", "env/bookings-qa", "--timeout=20s").succeeded();
    kubectl.run("delete", "env", "bookings-qa").succeeded();
    kubectl.run("wait", "--for=delete", "env/bookings-qa", "--timeout=20s").succeeded();
  }
}
