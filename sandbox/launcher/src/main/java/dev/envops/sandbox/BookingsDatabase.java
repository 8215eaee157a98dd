package dev.envops.sandbox;

import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.PlanetScaleSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The PlanetScale database {@code acme/bookings_api} in the simulator: {@code main} with the
 * bookings schema and seed rows (read from the bookings-api jar, the service's own migrations), a
 * {@code dev} branch copied from it, and an application user whose password only ever appears
 * inside the DSN Secrets.
 */
public final class BookingsDatabase {

  public static final String ORGANIZATION = "acme";
  public static final String DATABASE = "bookings_api";
  public static final String MAIN = "main";
  public static final String DEV = "dev";

  private static final String APP_USER = "bookings";

  private final MariaDbServer mariaDb;
  private final PlanetScaleSimulator planetScale;
  private final String password;

  private BookingsDatabase(MariaDbServer mariaDb, PlanetScaleSimulator planetScale, String pw) {
    this.mariaDb = mariaDb;
    this.planetScale = planetScale;
    this.password = pw;
  }

  /**
   * Creates the database, its schema and seed on {@code main}, the {@code dev} branch, the user.
   */
  public static BookingsDatabase create(
      MariaDbServer mariaDb, PlanetScaleSimulator planetScale, Path bookingsApiJar) {
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    BookingsDatabase database =
        new BookingsDatabase(mariaDb, planetScale, HexFormat.of().formatHex(secret));
    planetScale.createDatabase(ORGANIZATION, DATABASE);
    database.execute(
        MAIN,
        List.of(
            migration(bookingsApiJar, "db/001-schema.sql"),
            migration(bookingsApiJar, "db/002-seed.sql")));
    planetScale.createBranch(ORGANIZATION, DATABASE, DEV, MAIN, true);
    database.createAppUser();
    return database;
  }

  /** The go-sql-driver DSN of {@code branch} for the application user. A secret: never print it. */
  public String dsn(String branch) {
    return APP_USER
        + ":"
        + password
        + "@tcp("
        + mariaDb.host()
        + ":"
        + mariaDb.port()
        + ")/"
        + planetScale.branchDatabase(ORGANIZATION, DATABASE, branch);
  }

  /** Runs {@code sql} on {@code branch}, as a developer connected to that branch would. */
  public void execute(String branch, String sql) {
    execute(branch, List.of(sql));
  }

  /** The names of {@code table}'s columns on {@code branch}, in order. */
  public List<String> columns(String branch, String table) {
    String sql =
        "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name"
            + " = ? ORDER BY ordinal_position";
    try (Connection connection = connect(branch);
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, planetScale.branchDatabase(ORGANIZATION, DATABASE, branch));
      statement.setString(2, table);
      try (var rows = statement.executeQuery()) {
        List<String> columns = new java.util.ArrayList<>();
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
        return columns;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the columns of " + table + " on " + branch, e);
    }
  }

  private void execute(String branch, List<String> scripts) {
    try (Connection connection = connect(branch);
        Statement statement = connection.createStatement()) {
      for (String script : scripts) {
        for (String sql : statements(script)) {
          statement.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL on branch " + branch + " failed: " + e.getMessage(), e);
    }
  }

  private Connection connect(String branch) throws SQLException {
    return DriverManager.getConnection(
        mariaDb.jdbcUrl(planetScale.branchDatabase(ORGANIZATION, DATABASE, branch)));
  }

  private void createAppUser() {
    List<String> branchDatabases =
        List.of(MAIN, DEV).stream()
            .map(branch -> planetScale.branchDatabase(ORGANIZATION, DATABASE, branch))
            .toList();
    try (Connection connection = connect(MAIN);
        Statement statement = connection.createStatement()) {
      // 127.0.0.1 and localhost: a fresh install's anonymous users would shadow one of them.
      for (String host : List.of("127.0.0.1", "localhost")) {
        statement.execute(
            "CREATE OR REPLACE USER '"
                + APP_USER
                + "'@'"
                + host
                + "' IDENTIFIED BY '"
                + password
                + "'");
        for (String database : branchDatabases) {
          statement.execute(
              "GRANT ALL ON `" + database + "`.* TO '" + APP_USER + "'@'" + host + "'");
        }
      }
    } catch (SQLException e) {
      // The message could echo the statement, and with it the password: keep only the SQL state.
      throw new IllegalStateException(
          "cannot create the application user (SQL state " + e.getSQLState() + ")");
    }
  }

  private static String migration(Path jar, String entry) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      var zipEntry = zip.getEntry(entry);
      if (zipEntry == null) {
        throw new IllegalStateException(jar + " has no " + entry);
      }
      try (InputStream in = zip.getInputStream(zipEntry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entry + " from " + jar, e);
    }
  }

  /** Splits a migration script on semicolons, dropping comment lines. */
  static List<String> statements(String script) {
    StringBuilder withoutComments = new StringBuilder();
    script
        .lines()
        .filter(line -> !line.strip().startsWith("--"))
        .forEach(line -> withoutComments.append(line).append('\n'));
    return java.util.Arrays.stream(withoutComments.toString().split(";"))
        .map(String::strip)
        .filter(sql -> !sql.isEmpty())
        .toList();
  }
}
