package dev.envops.sandbox.planetscale;

import dev.envops.sandbox.planetscale.schema.SchemaChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The deploy checks PlanetScale runs on a request's changes before it may deploy. Modelled: {@code
 * NO_UNIQUE_KEY}, a new table without a primary or unique key (online schema changes need one).
 */
final class DeployChecks {

  private DeployChecks() {}

  /** Lint errors as {@code CODE: description}, empty when every check passes. */
  static List<String> lint(List<SchemaChange> changes) {
    List<String> errors = new ArrayList<>();
    for (SchemaChange change : changes) {
      if (change.kind() == SchemaChange.Kind.CREATE && !hasUniqueKey(change.ddl())) {
        errors.add(
            "NO_UNIQUE_KEY: table "
                + change.table()
                + " has no unique key; every table needs a primary or unique key");
      }
    }
    return List.copyOf(errors);
  }

  private static boolean hasUniqueKey(String createTable) {
    String ddl = createTable.toUpperCase(Locale.ROOT);
    return ddl.contains("PRIMARY KEY") || ddl.contains("UNIQUE KEY") || ddl.contains("UNIQUE (");
  }
}
