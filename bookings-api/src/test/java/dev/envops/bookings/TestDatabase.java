package dev.envops.bookings;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A database of its own on a real MariaDB, loaded from the module's db/ scripts. */
final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final MariaDbServer server;
  private final String name;

  private TestDatabase(MariaDbServer server, String name) {
    this.server = server;
    this.name = name;
  }

  /** A fresh database with the schema and seed (no description column). */
  static TestDatabase create(MariaDbServer server) {
    String name = "bookings_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    server.createDatabase(name);
    TestDatabase database = new TestDatabase(server, name);
    database.reset();
    return database;
  }

  String name() {
    return name;
  }

  /** go-sql-driver DSN for root (no password). */
  String dsn() {
    return "root@tcp(127.0.0.1:" + server.port() + ")/" + name;
  }

  /** Drops and recreates the table from db/001-schema.sql and db/002-seed.sql. */
  void reset() {
    execute("DROP TABLE IF EXISTS hotels");
    execute(script("db/001-schema.sql"));
    execute(script("db/002-seed.sql"));
  }

  void addDescriptionColumn() {
    execute(script("db/003-add-description.sql"));
  }

  void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String part : sql.split(";")) {
        String stripped = stripComments(part);
        if (!stripped.isBlank()) {
          statement.execute(stripped);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row, every column, in id order, as text: what "the table is unchanged" compares. */
  List<String> rows() {
    List<String> rows = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM hotels ORDER BY id")) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String autoIncrement() {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT AUTO_INCREMENT FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'hotels'")) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(name));
  }

  static String script(String resource) {
    try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
