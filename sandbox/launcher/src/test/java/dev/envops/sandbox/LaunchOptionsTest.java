package dev.envops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

  @Test
  void noArgumentsStayUpInATemporaryDirectory() {
    LaunchOptions options = LaunchOptions.parse();

    assertThat(options.exitAfterStory()).isFalse();
    assertThat(options.workDirectory()).isEmpty();
    assertThat(options.help()).isFalse();
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
    assertThatThrownBy(() -> LaunchOptions.parse("--work-dir"))
        .hasMessageContaining("--work-dir");
  }
}
