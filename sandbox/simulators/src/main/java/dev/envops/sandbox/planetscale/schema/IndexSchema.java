package dev.envops.sandbox.planetscale.schema;

import java.util.List;

/** One index of a table; {@code parts} are rendered key parts such as {@code `name`(10) DESC}. */
public record IndexSchema(String name, Kind kind, List<String> parts) {

  /** The flavours of index MariaDB reports in {@code information_schema.STATISTICS}. */
  public enum Kind {
    PRIMARY,
    UNIQUE,
    PLAIN,
    FULLTEXT,
    SPATIAL
  }

  /** The index as a clause of {@code ALTER TABLE ... ADD}. */
  String addClause() {
    String columns = "(" + String.join(", ", parts) + ")";
    return switch (kind) {
      case PRIMARY -> "ADD PRIMARY KEY " + columns;
      case UNIQUE -> "ADD UNIQUE KEY " + Identifiers.quote(name) + " " + columns;
      case FULLTEXT -> "ADD FULLTEXT KEY " + Identifiers.quote(name) + " " + columns;
      case SPATIAL -> "ADD SPATIAL KEY " + Identifiers.quote(name) + " " + columns;
      case PLAIN -> "ADD KEY " + Identifiers.quote(name) + " " + columns;
    };
  }

  /** The index as a clause of {@code ALTER TABLE ... DROP}. */
  String dropClause() {
    return kind == Kind.PRIMARY ? "DROP PRIMARY KEY" : "DROP KEY " + Identifiers.quote(name);
  }
}
