package dev.envops.sandbox.planetscale;

import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.schema.Identifiers;
import dev.envops.sandbox.planetscale.schema.SchemaChange;
import dev.envops.sandbox.planetscale.schema.SchemaReader;
import dev.envops.sandbox.planetscale.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The MariaDB side of branches: creating branch databases, reading and changing their schema. */
final class MariaDbBranches {

  private final MariaDbServer server;

  MariaDbBranches(MariaDbServer server) {
    this.server = server;
  }

  /** Drops and recreates {@code database}: the simulator owns its branch databases. */
  void recreate(String database) throws SQLException {
    try (Connection connection = connect(null);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database));
      statement.execute("CREATE DATABASE " + Identifiers.quote(database));
    }
  }

  void drop(String database) throws SQLException {
    try (Connection connection = connect(null);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database));
    }
  }

  /** Creates {@code child}'s tables from {@code parent}'s, copying rows too when asked. */
  void copySchema(String parent, String child, boolean withData) throws SQLException {
    try (Connection connection = connect(child);
        Statement statement = connection.createStatement()) {
      statement.execute("SET FOREIGN_KEY_CHECKS = 0");
      SchemaSnapshot snapshot = SchemaReader.read(connection, parent);
      for (String table : snapshot.tables().keySet()) {
        statement.execute(snapshot.tables().get(table).createStatement());
        if (withData) {
          statement.execute(
              "INSERT INTO "
                  + Identifiers.quote(table)
                  + " SELECT * FROM "
                  + Identifiers.quote(parent)
                  + "."
                  + Identifiers.quote(table));
        }
      }
    }
  }

  SchemaSnapshot snapshot(String database) throws SQLException {
    try (Connection connection = connect(database)) {
      return SchemaReader.read(connection, database);
    }
  }

  /** Runs the statements in order on {@code database}; stops at the first failure. */
  void apply(String database, List<SchemaChange> changes) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      for (SchemaChange change : changes) {
        statement.execute(change.ddl());
      }
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(database == null ? "" : database));
  }
}
