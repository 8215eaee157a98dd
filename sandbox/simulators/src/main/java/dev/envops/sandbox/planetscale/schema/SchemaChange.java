package dev.envops.sandbox.planetscale.schema;

/** One DDL statement that moves one table of the target towards the source schema. */
public record SchemaChange(String table, Kind kind, String ddl) {

  /** What the statement does to the table; also the deploy operation's name on the wire. */
  public enum Kind {
    CREATE,
    ALTER,
    DROP
  }
}
