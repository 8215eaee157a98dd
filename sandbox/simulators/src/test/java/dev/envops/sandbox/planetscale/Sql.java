package dev.envops.sandbox.planetscale;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs test SQL over JDBC, which is much cheaper than spawning the mariadb client each time. */
public final class Sql {

  private Sql() {}

  /** Runs one statement on {@code database} ("" for none). */
  public static void run(MariaDbServer server, String database, String sql) {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed on " + database + ": " + sql, e);
    }
  }
}
