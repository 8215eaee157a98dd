package dev.envops.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeBinariesTest {

  @TempDir Path tmp;

  @Test
  void kubebuilderAssetsWinOverThePath() throws IOException {
    Path assets = binaries(tmp.resolve("assets"), "kube-apiserver", "etcd");
    Path onPath = binaries(tmp.resolve("bin"), "kube-apiserver", "etcd");

    KubeBinaries found =
        KubeBinaries.locate(
            Map.of("KUBEBUILDER_ASSETS", assets.toString(), "PATH", onPath.toString())::get,
            Optional.empty());

    assertThat(found.kubeApiServer()).isEqualTo(assets.resolve("kube-apiserver"));
    assertThat(found.etcd()).isEqualTo(assets.resolve("etcd"));
  }

  @Test
  void aNamedDirectoryWithoutTheBinariesIsAnErrorNotAFallback() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path onPath = binaries(tmp.resolve("bin"), "kube-apiserver", "etcd");

    assertThatThrownBy(
            () ->
                KubeBinaries.locate(
                    Map.of("KUBEBUILDER_ASSETS", empty.toString(), "PATH", onPath.toString())::get,
                    Optional.empty()))
        .hasMessageContaining("KUBEBUILDER_ASSETS=" + empty);
  }

  @Test
  void bothMayComeFromDifferentPathEntries() throws IOException {
    Path a = binaries(tmp.resolve("a"), "kube-apiserver");
    Path b = binaries(tmp.resolve("b"), "etcd", "kube-apiserver");

    KubeBinaries found = KubeBinaries.locate(Map.of("PATH", a + ":" + b)::get, Optional.empty());

    assertThat(found.kubeApiServer()).isEqualTo(a.resolve("kube-apiserver"));
    assertThat(found.etcd()).isEqualTo(b.resolve("etcd"));
  }

  @Test
  void onlyOneOnThePathAndNoRepositoryIsAnError() throws IOException {
    Path a = binaries(tmp.resolve("a"), "kube-apiserver");

    assertThatThrownBy(
            () -> KubeBinaries.locate(Map.of("PATH", a.toString())::get, Optional.empty()))
        .hasMessageContaining("KUBEBUILDER_ASSETS");
  }

  private static Path binaries(Path dir, String... names) throws IOException {
    Files.createDirectories(dir);
    for (String name : names) {
      Path file = dir.resolve(name);
      Files.writeString(file, "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }
}
