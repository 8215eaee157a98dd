package dev.envops.sandbox.planetscale.schema;

import java.util.Map;
import java.util.Objects;

/** The base tables of one MariaDB database, keyed by table name. */
public record SchemaSnapshot(Map<String, TableSchema> tables) {

  /** Whether both databases have the same tables with the same structure. */
  public boolean sameStructureAs(SchemaSnapshot other) {
    if (!tables.keySet().equals(other.tables.keySet())) {
      return false;
    }
    return tables.entrySet().stream()
        .allMatch(
            e ->
                e.getValue().sameStructureAs(Objects.requireNonNull(other.tables.get(e.getKey()))));
  }
}
