package dev.envops.sandbox.planetscale.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DDL that turns a target schema into a source schema, the way a deploy request promotes a
 * development branch into its base: new tables are created from the source's {@code SHOW CREATE
 * TABLE}, changed tables get one {@code ALTER TABLE}, missing tables are dropped.
 *
 * <p>Column order is honoured for added columns ({@code FIRST}/{@code AFTER}); reordering existing
 * columns, table options (engine, charset, comment), foreign keys, views and triggers are not
 * compared.
 */
public final class SchemaDiff {

  private SchemaDiff() {}

  /** Statements that make {@code target} match {@code source}: creates, then alters, then drops. */
  public static List<SchemaChange> between(SchemaSnapshot target, SchemaSnapshot source) {
    List<SchemaChange> creates = new ArrayList<>();
    List<SchemaChange> alters = new ArrayList<>();
    List<SchemaChange> drops = new ArrayList<>();
    for (TableSchema sourceTable : source.tables().values()) {
      TableSchema targetTable = target.tables().get(sourceTable.name());
      if (targetTable == null) {
        creates.add(
            new SchemaChange(
                sourceTable.name(), SchemaChange.Kind.CREATE, sourceTable.createStatement()));
      } else {
        List<String> clauses = alterClauses(targetTable, sourceTable);
        if (!clauses.isEmpty()) {
          alters.add(
              new SchemaChange(
                  sourceTable.name(),
                  SchemaChange.Kind.ALTER,
                  "ALTER TABLE "
                      + Identifiers.quote(sourceTable.name())
                      + " "
                      + String.join(", ", clauses)));
        }
      }
    }
    for (TableSchema targetTable : target.tables().values()) {
      if (!source.tables().containsKey(targetTable.name())) {
        drops.add(
            new SchemaChange(
                targetTable.name(),
                SchemaChange.Kind.DROP,
                "DROP TABLE " + Identifiers.quote(targetTable.name())));
      }
    }
    List<SchemaChange> all = new ArrayList<>(creates);
    all.addAll(alters);
    all.addAll(drops);
    return List.copyOf(all);
  }

  // Order matters inside one ALTER: indexes are dropped before the columns they cover, columns
  // exist before indexes on them are added, and an added column can follow one added before it.
  private static List<String> alterClauses(TableSchema target, TableSchema source) {
    List<String> clauses = new ArrayList<>();
    Map<String, IndexSchema> targetIndexes = target.indexes();
    Map<String, IndexSchema> sourceIndexes = source.indexes();
    targetIndexes.forEach(
        (name, index) -> {
          if (!index.equals(sourceIndexes.get(name))) {
            clauses.add(index.dropClause());
          }
        });
    for (ColumnSchema column : target.columns()) {
      if (source.column(column.name()).isEmpty()) {
        clauses.add("DROP COLUMN " + Identifiers.quote(column.name()));
      }
    }
    String previous = null;
    for (ColumnSchema column : source.columns()) {
      var existing = target.column(column.name());
      if (existing.isEmpty()) {
        clauses.add(
            "ADD COLUMN "
                + Identifiers.quote(column.name())
                + " "
                + column.definition()
                + (previous == null ? " FIRST" : " AFTER " + Identifiers.quote(previous)));
      } else if (!existing.get().definition().equals(column.definition())) {
        clauses.add(
            "MODIFY COLUMN " + Identifiers.quote(column.name()) + " " + column.definition());
      }
      previous = column.name();
    }
    sourceIndexes.forEach(
        (name, index) -> {
          if (!index.equals(targetIndexes.get(name))) {
            clauses.add(index.addClause());
          }
        });
    return clauses;
  }
}
