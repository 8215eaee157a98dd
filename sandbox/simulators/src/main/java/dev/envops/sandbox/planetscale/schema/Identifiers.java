package dev.envops.sandbox.planetscale.schema;

/** Quoting of MariaDB identifiers and string literals for generated DDL. */
public final class Identifiers {

  private Identifiers() {}

  /** {@code name} in backticks, with embedded backticks doubled. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** {@code text} as a single-quoted SQL string literal. */
  public static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
