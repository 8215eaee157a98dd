package dev.envops.sandbox.planetscale.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.sandbox.mariadb.MariaDbServer;
import dev.envops.sandbox.planetscale.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String HOTELS =
      "CREATE TABLE hotels (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
          + " name VARCHAR(255) NOT NULL, address VARCHAR(255) NOT NULL,"
          + " stars INT NOT NULL DEFAULT 3)";

  private final MariaDbServer server = MariaDbServer.shared();
  private String target;
  private String source;

  @BeforeEach
  void createDatabases() {
    int n = COUNTER.incrementAndGet();
    target = "schemadiff_target_" + n;
    source = "schemadiff_source_" + n;
    for (String database : List.of(target, source)) {
      Sql.run(server, "", "DROP DATABASE IF EXISTS " + database);
      Sql.run(server, "", "CREATE DATABASE " + database);
    }
    both(HOTELS);
  }

  @Test
  void identicalSchemasHaveNoChanges() throws SQLException {
    assertThat(diff()).isEmpty();
  }

  @Test
  void addedColumnBecomesAddColumnAfterItsPredecessor() throws SQLException {
    run(source, "ALTER TABLE hotels ADD COLUMN description TEXT NULL AFTER name");

    List<SchemaChange> changes = diff();

    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).kind()).isEqualTo(SchemaChange.Kind.ALTER);
    assertThat(changes.get(0).ddl())
        .startsWith("ALTER TABLE `hotels` ADD COLUMN `description` text")
        .endsWith("AFTER `name`");
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void droppedColumnBecomesDropColumn() throws SQLException {
    run(source, "ALTER TABLE hotels DROP COLUMN address");

    List<SchemaChange> changes = diff();

    assertThat(changes)
        .extracting(SchemaChange::ddl)
        .containsExactly("ALTER TABLE `hotels` DROP COLUMN `address`");
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void changedColumnBecomesModifyColumn() throws SQLException {
    run(source, "ALTER TABLE hotels MODIFY stars INT NULL DEFAULT NULL COMMENT 'one to five'");

    List<SchemaChange> changes = diff();

    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).ddl())
        .isEqualTo(
            "ALTER TABLE `hotels` MODIFY COLUMN `stars` int(11) NULL DEFAULT NULL COMMENT 'one to"
                + " five'");
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void newTableIsCreatedFromTheSourcesDefinition() throws SQLException {
    run(
        source,
        "CREATE TABLE bookings (id BIGINT PRIMARY KEY, hotel_id BIGINT NOT NULL,"
            + " guest VARCHAR(100) NOT NULL DEFAULT 'anonymous', KEY idx_hotel (hotel_id))");
    run(source, "INSERT INTO bookings VALUES (7, 1, 'x')");

    List<SchemaChange> changes = diff();

    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).kind()).isEqualTo(SchemaChange.Kind.CREATE);
    assertThat(changes.get(0).table()).isEqualTo("bookings");
    assertThat(changes.get(0).ddl()).startsWith("CREATE TABLE `bookings`").contains("`idx_hotel`");
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void missingTableIsDropped() throws SQLException {
    run(target, "CREATE TABLE legacy (id INT PRIMARY KEY)");

    List<SchemaChange> changes = diff();

    assertThat(changes)
        .containsExactly(new SchemaChange("legacy", SchemaChange.Kind.DROP, "DROP TABLE `legacy`"));
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void addedAndDroppedIndexesBecomeIndexClauses() throws SQLException {
    run(target, "CREATE INDEX idx_address ON hotels (address)");
    run(source, "CREATE UNIQUE INDEX idx_name ON hotels (name(100), stars DESC)");

    List<SchemaChange> changes = diff();

    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).ddl())
        .isEqualTo(
            "ALTER TABLE `hotels` DROP KEY `idx_address`,"
                + " ADD UNIQUE KEY `idx_name` (`name`(100), `stars` DESC)");
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void changedIndexIsDroppedAndAddedAgain() throws SQLException {
    both("CREATE INDEX idx_name ON hotels (name)");
    run(source, "DROP INDEX idx_name ON hotels");
    run(source, "CREATE INDEX idx_name ON hotels (name, stars)");

    List<SchemaChange> changes = diff();

    assertThat(changes.get(0).ddl())
        .isEqualTo(
            "ALTER TABLE `hotels` DROP KEY `idx_name`, ADD KEY `idx_name` (`name`, `stars`)");
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void defaultsEnumsTimestampsAndGeneratedColumnsSurviveTheRoundTrip() throws SQLException {
    run(
        source,
        "ALTER TABLE hotels ADD COLUMN status ENUM('open','it''s closed') NOT NULL DEFAULT 'open',"
            + " ADD COLUMN updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp()"
            + " ON UPDATE current_timestamp(),"
            + " ADD COLUMN price DECIMAL(10,2) NULL DEFAULT 9.99 COMMENT 'per night',"
            + " ADD COLUMN name_upper VARCHAR(255) AS (UPPER(name)) VIRTUAL,"
            + " ADD COLUMN city VARCHAR(50) CHARACTER SET latin1 COLLATE latin1_bin NULL");

    List<SchemaChange> changes = diff();

    assertThat(changes).hasSize(1);
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  @Test
  void severalChangesAtOnceConvergeWhenApplied() throws SQLException {
    run(target, "CREATE TABLE legacy (id INT PRIMARY KEY)");
    run(
        source,
        "ALTER TABLE hotels ADD COLUMN description TEXT, ADD COLUMN rooms INT NOT NULL"
            + " DEFAULT 10 FIRST, DROP COLUMN address, ADD INDEX idx_rooms (rooms)");
    run(source, "CREATE TABLE guests (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");

    List<SchemaChange> changes = diff();

    assertThat(changes)
        .extracting(SchemaChange::kind)
        .containsExactly(SchemaChange.Kind.CREATE, SchemaChange.Kind.ALTER, SchemaChange.Kind.DROP);
    assertAppliedChangesMakeSchemasEqual(changes);
  }

  private void assertAppliedChangesMakeSchemasEqual(List<SchemaChange> changes)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(target));
        Statement statement = connection.createStatement()) {
      for (SchemaChange change : changes) {
        statement.execute(change.ddl());
      }
    }
    assertThat(diff()).isEmpty();
    assertThat(snapshot(target).sameStructureAs(snapshot(source))).isTrue();
  }

  private List<SchemaChange> diff() throws SQLException {
    return SchemaDiff.between(snapshot(target), snapshot(source));
  }

  private SchemaSnapshot snapshot(String database) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database))) {
      return SchemaReader.read(connection, database);
    }
  }

  private void both(String sql) {
    run(target, sql);
    run(source, sql);
  }

  private void run(String database, String sql) {
    Sql.run(server, database, sql);
  }
}
