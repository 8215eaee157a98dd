package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The entry point as the sandbox and the image run it: a process configured by LISTEN and DSN. */
class MainProcessTest {

  private static final String PASSWORD = "s3cr@t:pa/ss";

  private Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();

  @AfterEach
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void servesWithAPasswordFullOfSeparatorsAndStopsGracefullyOnSigterm() throws Exception {
    MariaDbServer mariadb = MariaDbServer.shared();
    TestDatabase db = TestDatabase.create(mariadb);
    for (String host : List.of("%", "localhost", "127.0.0.1")) {
      mariadb.execute(
          "CREATE USER IF NOT EXISTS 'app'@'"
              + host
              + "' IDENTIFIED BY '"
              + PASSWORD
              + "';"
              + " GRANT ALL ON `"
              + db.name()
              + "`.* TO 'app'@'"
              + host
              + "'");
    }
    int port = freePort();
    start(
        Map.of(
            "LISTEN", "127.0.0.1:" + port,
            "DSN", "app:" + PASSWORD + "@tcp(127.0.0.1:" + mariadb.port() + ")/" + db.name()));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> output.stream().anyMatch(line -> line.contains("listening on")));
    assertThat(output)
        .filteredOn(line -> line.contains("listening on"))
        .singleElement()
        .asString()
        .contains("http://127.0.0.1:" + port);
    ApiClient api = new ApiClient(port);
    assertThat(api.get("/hotels").statusCode()).isEqualTo(200);
    assertThat(api.get("/readyz").statusCode()).isEqualTo(200);

    // SIGTERM, as docker stop and Kubernetes send it (Process.destroy would also close our pipes).
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    // 143 = terminated by SIGTERM after the shutdown hook ran; what the JVM always reports.
    assertThat(process.exitValue()).isEqualTo(143);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> output.stream().anyMatch(line -> line.endsWith("Main - stopped")));
    assertThat(output).anyMatch(line -> line.contains("stopping: finishing requests in flight"));
    assertThat(String.join("\n", output)).doesNotContain(PASSWORD).doesNotContain("s3cr@t");
  }

  @Test
  void anUnparsableDsnStopsStartUpWithoutPrintingThePassword() throws Exception {
    start(Map.of("LISTEN", "127.0.0.1:0", "DSN", "app:hunter2@tcp(db:notaport)/bookings"));

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> !output.isEmpty());
    assertThat(String.join("\n", output)).contains("DSN is not valid").doesNotContain("hunter2");
  }

  @Test
  void aTakenPortStopsStartUpWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      start(
          Map.of(
              "LISTEN",
              "127.0.0.1:" + taken.getLocalPort(),
              "DSN",
              "app:hunter2@tcp(127.0.0.1:1)/bookings"));

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> output.stream().anyMatch(line -> line.contains("cannot start on")));
      assertThat(String.join("\n", output))
          .contains("Address already in use")
          .doesNotContain("hunter2");
    }
  }

  private void start(Map<String, String> env) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName())
            .redirectErrorStream(true);
    builder.environment().remove("LISTEN");
    builder.environment().remove("DSN");
    builder.environment().putAll(env);
    process = builder.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  output.add(line);
                }
              } catch (IOException e) {
                // the process went away
              }
            },
            "main-output");
    reader.setDaemon(true);
    reader.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
