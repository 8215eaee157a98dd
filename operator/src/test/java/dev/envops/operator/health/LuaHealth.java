package dev.envops.operator.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an Argo CD health script in a real Lua 5.1 VM (Debian's {@code lua5.1}; Argo CD embeds
 * gopher-lua, also Lua 5.1) the way Argo CD does: the object as the global {@code obj}, the
 * script's returned table read as {@code {status, message}}, and no {@code os}, {@code io}, {@code
 * debug} or module loading.
 */
final class LuaHealth {

  /** What the script returned. */
  record Health(String status, String message) {}

  static final Path SCRIPT =
      Path.of(
          "..",
          "gitops",
          "argocd",
          "resource_customizations",
          "envops.dev",
          "Environment",
          "health.lua");

  private LuaHealth() {}

  static String lua() {
    String configured = System.getenv("ENVOPS_LUA");
    return configured == null || configured.isBlank() ? "lua5.1" : configured;
  }

  static Health evaluate(Path script, JsonNode obj) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("envops-lua");
    try {
      Path driver = dir.resolve("driver.lua");
      String text =
          "local chunk = assert(loadfile("
              + literal(script.toAbsolutePath().toString())
              + "))\n"
              + "os = nil; io = nil; debug = nil; package = nil; require = nil\n"
              + "dofile = nil; loadfile = nil; load = nil; loadstring = nil\n"
              + "obj = "
              + toLua(obj)
              + "\n"
              + "local hs = chunk()\n"
              + "print(hs.status)\n"
              + "print(hs.message or '')\n";
      Files.writeString(driver, text);
      Process process;
      try {
        process = new ProcessBuilder(lua(), driver.toString()).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new IllegalStateException(
            lua() + " not found: run scripts/install-prereqs (Debian package lua5.1)", e);
      }
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("lua did not finish");
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("lua failed: " + out);
      }
      int newline = out.indexOf('\n');
      String message = out.substring(newline + 1);
      if (message.endsWith("\n")) {
        message = message.substring(0, message.length() - 1);
      }
      return new Health(out.substring(0, newline), message);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The object as a Lua table constructor: JSON null is nil (absent), arrays count from 1. */
  static String toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "nil";
    }
    if (node.isBoolean()) {
      return node.asBoolean() ? "true" : "false";
    }
    if (node.isNumber()) {
      return node.asText();
    }
    if (node.isTextual()) {
      return literal(node.asText());
    }
    StringBuilder out = new StringBuilder("{");
    if (node.isArray()) {
      for (JsonNode item : node) {
        out.append(toLua(item)).append(',');
      }
    } else {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (field.getValue().isNull()) {
          continue;
        }
        out.append('[')
            .append(literal(field.getKey()))
            .append("]=")
            .append(toLua(field.getValue()))
            .append(',');
      }
    }
    return out.append('}').toString();
  }

  private static String literal(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c < 0x20 || c >= 0x7f) {
        out.append('\\').append(c);
      } else {
        out.append((char) c);
      }
    }
    return out.append('"').toString();
  }
}
