package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's build stage (CodeBuild's {@code docker build}): no Docker engine runs here, so
 * this checks what would break it without one.
 */
class DockerfileTest {

  private static final Path ROOT = BumpScript.REPO_ROOT;

  @Test
  void theBuildStageCopiesThePomOfEveryModuleTheParentLists() throws IOException {
    // Maven reads every module of the reactor even with -pl: one missing pom fails the build.
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    List<String> modules = modules(Files.readString(ROOT.resolve("pom.xml")));

    assertThat(modules).isNotEmpty();
    for (String module : modules) {
      assertThat(dockerfile).contains("COPY " + module + "/pom.xml " + module + "/");
    }
  }

  @Test
  void theExamplesDeployThePortTheNonRootImageExposes() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    String image = dockerfile.substring(dockerfile.indexOf("AS bookings-api"));
    String exposed = first(Pattern.compile("EXPOSE (\\d+)"), image);

    assertThat(image).contains("USER 10001");
    for (String example : List.of("bookings-qa.yaml", "bookings-prod.yaml")) {
      String yaml = Files.readString(ROOT.resolve("crds/examples").resolve(example));
      assertThat(first(Pattern.compile("containerPort: (\\d+)"), yaml)).isEqualTo(exposed);
      assertThat(first(Pattern.compile("LISTEN: \"0\\.0\\.0\\.0:(\\d+)\""), yaml))
          .isEqualTo(exposed);
    }
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in the file", pattern).isTrue();
    return m.group(1);
  }

  private static List<String> modules(String pom) {
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    return m.results().map(r -> r.group(1).trim()).toList();
  }
}
