package dev.envops.sandbox.planetscale.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads a database's base tables, columns and indexes from {@code information_schema}. */
public final class SchemaReader {

  private static final Pattern AUTO_INCREMENT_OPTION = Pattern.compile(" AUTO_INCREMENT=\\d+");

  private SchemaReader() {}

  /** A snapshot of {@code database}, read through {@code connection} (any database selected). */
  public static SchemaSnapshot read(Connection connection, String database) throws SQLException {
    Map<String, List<ColumnSchema>> columns = readColumns(connection, database);
    Map<String, Map<String, IndexSchema>> indexes = readIndexes(connection, database);
    Map<String, TableSchema> tables = new TreeMap<>();
    for (String table : readTableNames(connection, database)) {
      tables.put(
          table,
          new TableSchema(
              table,
              List.copyOf(columns.getOrDefault(table, List.of())),
              Map.copyOf(indexes.getOrDefault(table, Map.of())),
              showCreateTable(connection, database, table)));
    }
    return new SchemaSnapshot(Map.copyOf(tables));
  }

  /** {@code SHOW CREATE TABLE} without the {@code AUTO_INCREMENT=n} counter, which is data. */
  public static String showCreateTable(Connection connection, String database, String table)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SHOW CREATE TABLE "
                    + Identifiers.quote(database)
                    + "."
                    + Identifiers.quote(table))) {
      rs.next();
      return AUTO_INCREMENT_OPTION.matcher(rs.getString(2)).replaceAll("");
    }
  }

  private static List<String> readTableNames(Connection connection, String database)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static Map<String, List<ColumnSchema>> readColumns(Connection connection, String database)
      throws SQLException {
    Map<String, List<ColumnSchema>> columns = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
                + " COLUMN_COMMENT, CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns
              .computeIfAbsent(rs.getString("TABLE_NAME"), t -> new ArrayList<>())
              .add(new ColumnSchema(rs.getString("COLUMN_NAME"), columnDefinition(rs)));
        }
      }
    }
    return columns;
  }

  private static String columnDefinition(ResultSet rs) throws SQLException {
    StringBuilder definition = new StringBuilder(rs.getString("COLUMN_TYPE"));
    String charset = rs.getString("CHARACTER_SET_NAME");
    String collation = rs.getString("COLLATION_NAME");
    if (charset != null && collation != null) {
      definition.append(" CHARACTER SET ").append(charset).append(" COLLATE ").append(collation);
    }
    String extra = rs.getString("EXTRA");
    String generation = rs.getString("GENERATION_EXPRESSION");
    if (generation != null && extra != null && extra.contains("GENERATED")) {
      definition
          .append(" GENERATED ALWAYS AS (")
          .append(generation)
          .append(extra.startsWith("STORED") ? ") STORED" : ") VIRTUAL");
    } else {
      definition.append("YES".equals(rs.getString("IS_NULLABLE")) ? " NULL" : " NOT NULL");
      // MariaDB reports defaults as SQL expressions already: 'text', 0, NULL, current_timestamp().
      String defaultValue = rs.getString("COLUMN_DEFAULT");
      if (defaultValue != null) {
        definition.append(" DEFAULT ").append(defaultValue);
      }
      if (extra != null && !extra.isBlank()) {
        definition.append(' ').append(extra);
      }
    }
    String comment = rs.getString("COLUMN_COMMENT");
    if (comment != null && !comment.isEmpty()) {
      definition.append(" COMMENT ").append(Identifiers.literal(comment));
    }
    return definition.toString();
  }

  private static Map<String, Map<String, IndexSchema>> readIndexes(
      Connection connection, String database) throws SQLException {
    Map<String, Map<String, IndexSchema>> indexes = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART,"
                + " COLLATION FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
                + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
      statement.setString(1, database);
      try (ResultSet rs = statement.executeQuery()) {
        Map<String, Map<String, List<String>>> parts = new LinkedHashMap<>();
        Map<String, IndexSchema.Kind> kinds = new LinkedHashMap<>();
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME");
          String index = rs.getString("INDEX_NAME");
          kinds.put(
              table + "\0" + index,
              kind(index, rs.getInt("NON_UNIQUE"), rs.getString("INDEX_TYPE")));
          parts
              .computeIfAbsent(table, t -> new LinkedHashMap<>())
              .computeIfAbsent(index, i -> new ArrayList<>())
              .add(keyPart(rs));
        }
        parts.forEach(
            (table, byIndex) ->
                byIndex.forEach(
                    (index, keyParts) ->
                        indexes
                            .computeIfAbsent(table, t -> new TreeMap<>())
                            .put(
                                index,
                                new IndexSchema(
                                    index,
                                    kinds.get(table + "\0" + index),
                                    List.copyOf(keyParts)))));
      }
    }
    return indexes;
  }

  private static IndexSchema.Kind kind(String indexName, int nonUnique, String indexType) {
    if ("PRIMARY".equals(indexName)) {
      return IndexSchema.Kind.PRIMARY;
    }
    if ("FULLTEXT".equals(indexType)) {
      return IndexSchema.Kind.FULLTEXT;
    }
    if ("SPATIAL".equals(indexType)) {
      return IndexSchema.Kind.SPATIAL;
    }
    return nonUnique == 0 ? IndexSchema.Kind.UNIQUE : IndexSchema.Kind.PLAIN;
  }

  private static String keyPart(ResultSet rs) throws SQLException {
    StringBuilder part = new StringBuilder(Identifiers.quote(rs.getString("COLUMN_NAME")));
    long subPart = rs.getLong("SUB_PART");
    if (!rs.wasNull()) {
      part.append('(').append(subPart).append(')');
    }
    if ("D".equals(rs.getString("COLLATION"))) {
      part.append(" DESC");
    }
    return part.toString();
  }
}
