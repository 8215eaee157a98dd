package dev.envops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

  @Test
  void noArgumentsStayUpInATemporaryDirectory() {
    LaunchOptions options = LaunchOptions.parse();

    assertThat(options.exitAfterStory()).isFalse();
    assertThat(options.workDirectory()).isEmpty();
    assertThat(options.help()).isFalse();
    assertThat(options.kubeconfig()).isEmpty();
    assertThat(options.context()).isEmpty();
  }

  @Test
  void scriptsAskToExitAfterTheStoryAndMayNameTheWorkDirectory() {
    LaunchOptions options = LaunchOptions.parse("--work-dir", "/tmp/sb", "--exit-after-story");

    assertThat(options.exitAfterStory()).isTrue();
    assertThat(options.workDirectory()).contains(Path.of("/tmp/sb"));
  }

  @Test
  void unknownArgumentsAndAMissingDirectoryAreRejectedByName() {
    assertThatThrownBy(() -> LaunchOptions.parse("--exit-after-start"))
        .hasMessageContaining("--exit-after-start");
    assertThatThrownBy(() -> LaunchOptions.parse("--work-dir")).hasMessageContaining("--work-dir");
  }

  @Test
  void aKubeconfigAndAContextNameTheUsersCluster(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("kind.kubeconfig"), "apiVersion: v1\n");

    LaunchOptions options =
        LaunchOptions.parse("--kubeconfig", file.toString(), "--context", "kind-envops");

    assertThat(options.kubeconfig()).contains(file);
    assertThat(options.context()).contains("kind-envops");
    assertThat(LaunchOptions.parse("--kubeconfig", file.toString()).context()).isEmpty();
  }

  @Test
  void aMissingKubeconfigIsRejectedBeforeAnythingStarts(@TempDir Path dir) {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> LaunchOptions.parse("--kubeconfig", missing.toString()))
        .hasMessage("--kubeconfig " + missing + ": no such file");
    assertThatThrownBy(() -> LaunchOptions.parse("--kubeconfig", dir.toString()))
        .hasMessage("--kubeconfig " + dir + ": no such file");
    assertThatThrownBy(() -> LaunchOptions.parse("--kubeconfig"))
        .hasMessage("--kubeconfig needs a file");
    assertThatThrownBy(() -> LaunchOptions.parse("--context", "kind-envops"))
        .hasMessage("--context goes with --kubeconfig FILE");
  }

  @Test
  void anUnreadableKubeconfigIsRejected(@TempDir Path dir) throws Exception {
    Path locked =
        Files.createFile(
            dir.resolve("locked"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
    assumeThat(Files.isReadable(locked)).as("not running as root").isFalse();
    assertThatThrownBy(() -> LaunchOptions.parse("--kubeconfig", locked.toString()))
        .hasMessage("--kubeconfig " + locked + ": not readable");
  }
}
