package dev.envops.sandbox.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MariaDbServerTest {

  @Test
  void startsCreatesDatabasesAndSurvivesARestart() throws SQLException {
    try (MariaDbServer server = MariaDbServer.start()) {
      server.createDatabase("probe");
      server.execute("CREATE TABLE probe.t (id INT PRIMARY KEY); INSERT INTO probe.t VALUES (7)");
      assertThat(readId(server)).isEqualTo(7);

      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(() -> readId(server)).isInstanceOf(SQLException.class);

      server.restart();
      assertThat(readId(server)).isEqualTo(7);
    }
  }

  @Test
  void reportsFailedSqlWithTheServerMessage() {
    MariaDbServer server = MariaDbServer.shared();
    assertThatThrownBy(() -> server.execute("SELECT * FROM no_such_db.t"))
        .hasMessageContaining("no_such_db");
  }

  private static int readId(MariaDbServer server) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("probe"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
