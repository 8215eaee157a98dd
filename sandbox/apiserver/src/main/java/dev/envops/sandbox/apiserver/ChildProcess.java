package dev.envops.sandbox.apiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process whose output goes to a log file and which ends when this JVM ends, even when the
 * JVM is killed: a shell runs it and sends it SIGTERM once our end of its stdin closes.
 */
final class ChildProcess implements AutoCloseable {

  // "$@" runs detached from our stdin; the watcher's cat returns when the JVM closes (or loses)
  // the pipe, then it terminates the server. fd 3: a shell gives background jobs /dev/null as
  // stdin unless told otherwise.
  private static final String WATCHDOG =
      "exec 3<&0; \"$@\" </dev/null & p=$!;"
          + " (cat <&3 >/dev/null; kill -TERM $p 2>/dev/null) & exec 3<&-; wait $p";

  private final String name;
  private final Process shell;
  private final Path log;

  private ChildProcess(String name, Process shell, Path log) {
    this.name = name;
    this.shell = shell;
    this.log = log;
  }

  static ChildProcess start(String name, Path log, List<String> command) throws IOException {
    List<String> args = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, name));
    args.addAll(command);
    Process shell =
        new ProcessBuilder(args)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildProcess(name, shell, log);
  }

  boolean isAlive() {
    return shell.isAlive();
  }

  /** The last lines of the log, for an error message. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  String name() {
    return name;
  }

  /** SIGTERM to the server, then SIGKILL to whatever is left after {@code graceSeconds}. */
  void stop(long graceSeconds) {
    List<ProcessHandle> tree = shell.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    try {
      shell.getOutputStream().close();
    } catch (IOException ignored) {
      // the watcher has gone already
    }
    try {
      if (!shell.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle h : tree) {
        h.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Override
  public void close() {
    stop(15);
  }
}
