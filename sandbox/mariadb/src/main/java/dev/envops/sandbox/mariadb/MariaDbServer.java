package dev.envops.sandbox.mariadb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A private MariaDB server in a temporary directory, started from the machine's own binaries. */
public final class MariaDbServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String ROOT_USER = "root";

  private static final List<Path> SEARCH_DIRS =
      List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/sbin"));
  private static final long START_TIMEOUT_MS = 30_000;
  private static MariaDbServer shared;

  private final Path baseDir;
  private final int port;
  private final boolean deleteOnClose;
  private Process process;

  private MariaDbServer(Path baseDir, int port, boolean deleteOnClose) {
    this.baseDir = baseDir;
    this.port = port;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * Initialises a fresh data directory in a temporary folder and starts a server on a free port.
   */
  public static MariaDbServer start() {
    try {
      MariaDbServer server =
          new MariaDbServer(Files.createTempDirectory("envops-mariadb-"), freePort(), true);
      server.initialise();
      server.startProcess();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a server on {@code port} with its data in {@code baseDir}, initialising it if empty. */
  public static MariaDbServer start(Path baseDir, int port) {
    MariaDbServer server = new MariaDbServer(baseDir, port, false);
    if (!Files.isDirectory(baseDir.resolve("data/mysql"))) {
      server.initialise();
    }
    server.startProcess();
    return server;
  }

  /** One server per JVM, stopped when the JVM exits: what test classes share. */
  public static synchronized MariaDbServer shared() {
    if (shared == null) {
      shared = start();
      MariaDbServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mariadb-stop"));
    }
    return shared;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** A JDBC URL for {@code database} on this server (root, no password). */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://" + HOST + ":" + port + "/" + database + "?user=" + ROOT_USER;
  }

  /** Creates {@code database} if it does not exist yet. */
  public void createDatabase(String database) {
    execute("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "``") + "`");
  }

  /**
   * Runs SQL through the {@code mariadb} command-line client as root, so callers need no driver.
   * Several statements separated by semicolons are fine.
   */
  public void execute(String sql) {
    run(
        List.of(
            binary("mariadb").toString(),
            "--no-defaults",
            "--protocol=TCP",
            "-h" + HOST,
            "-P" + port,
            "-u" + ROOT_USER,
            "-e",
            sql),
        "SQL failed");
  }

  /** Stops the server, keeping its data: {@link #restart()} brings it back on the same port. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the server again after {@link #stop()}, with the same data and port. */
  public synchronized void restart() {
    if (!isRunning()) {
      startProcess();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteOnClose) {
      deleteRecursively(baseDir);
    }
  }

  private void initialise() {
    Path data = baseDir.resolve("data");
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
        List.of(
            binary("mariadb-install-db").toString(),
            "--no-defaults",
            "--datadir=" + data,
            "--user=" + System.getProperty("user.name"),
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--skip-name-resolve"),
        "mariadb-install-db failed");
  }

  private synchronized void startProcess() {
    List<String> command = new ArrayList<>();
    command.add(binary("mariadbd").toString());
    command.add("--no-defaults");
    command.add("--datadir=" + baseDir.resolve("data"));
    command.add("--user=" + System.getProperty("user.name"));
    command.add("--bind-address=" + HOST);
    command.add("--port=" + port);
    command.add("--socket=" + baseDir.resolve("mysqld.sock"));
    command.add("--pid-file=" + baseDir.resolve("mysqld.pid"));
    command.add("--skip-name-resolve");
    command.add("--skip-log-bin");
    command.add("--innodb-buffer-pool-size=64M");
    command.add("--innodb-log-file-size=16M");
    command.add("--max-connections=500");
    command.add("--log-error=" + baseDir.resolve("error.log"));
    // Temporary tables in a folder of its own, not the machine's shared /tmp: a benchmark's
    // server once lost a #sql-temptable file there while it ran (Errcode 2 on delete).
    Path tmp = baseDir.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    command.add("--tmpdir=" + tmp);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(baseDir.resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitAcceptingConnections();
  }

  private void awaitAcceptingConnections() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mariadbd exited during start-up: " + errorLogTail());
      }
      if (answersPing()) {
        return;
      }
      try {
        // Waiting for an external process has nothing to subscribe to; poll briefly.
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting MariaDB", e);
      }
    }
    throw new IllegalStateException(
        "MariaDB did not accept connections within " + START_TIMEOUT_MS + " ms: " + errorLogTail());
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      // The server greets first; a handshake packet means it is past start-up.
      socket.setSoTimeout(1000);
      return socket.getInputStream().read() >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  private String errorLogTail() {
    try {
      List<String> lines = Files.readAllLines(baseDir.resolve("error.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no error log at " + baseDir.resolve("error.log") + ")";
    }
  }

  private static void run(List<String> command, String failure) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(failure + ": " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(failure + ": interrupted", e);
    }
  }

  /** Finds a MariaDB program in the usual Debian locations or on PATH. */
  static Path binary(String name) {
    List<Path> dirs = new ArrayList<>(SEARCH_DIRS);
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    for (Path dir : dirs) {
      Path candidate = dir.resolve(name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name
            + " not found: MariaDB is not installed. Run scripts/install-mariadb"
            + " (apt-get install mariadb-server mariadb-client).");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
