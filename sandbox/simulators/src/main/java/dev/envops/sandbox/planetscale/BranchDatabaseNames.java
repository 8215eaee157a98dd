package dev.envops.sandbox.planetscale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The naming rule for the MariaDB database behind a branch: {@code <prefix><db>__<branch>}, with
 * every character outside {@code [A-Za-z0-9_]} replaced by {@code _}. Names longer than MariaDB's
 * 64 characters are cut to 55 and end in {@code _} plus 8 hex digits of a SHA-256 of the full name.
 * The organization is not part of the name: one simulator serves one namespace of databases.
 */
public final class BranchDatabaseNames {

  private static final int MAX_LENGTH = 64;

  private BranchDatabaseNames() {}

  public static String of(String prefix, String database, String branch) {
    String name = sanitize(prefix) + sanitize(database) + "__" + sanitize(branch);
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    return name.substring(0, MAX_LENGTH - 9) + "_" + shortHash(name);
  }

  private static String sanitize(String part) {
    return part.replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
