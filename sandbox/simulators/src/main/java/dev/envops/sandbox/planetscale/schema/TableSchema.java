package dev.envops.sandbox.planetscale.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table: columns in their order, indexes by name, and the {@code CREATE TABLE} statement that
 * recreates it (used when the table is new on the target).
 */
public record TableSchema(
    String name,
    List<ColumnSchema> columns,
    Map<String, IndexSchema> indexes,
    String createStatement) {

  public Optional<ColumnSchema> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  /** Whether the two tables have the same columns (in order) and indexes; DDL text is ignored. */
  public boolean sameStructureAs(TableSchema other) {
    return columns.equals(other.columns) && indexes.equals(other.indexes);
  }
}
