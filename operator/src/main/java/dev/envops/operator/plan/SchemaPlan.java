package dev.envops.operator.plan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The schema change a rollout would promote: the DDL of PlanetScale's diff of {@code promoteFrom}
 * into {@code branch}, each statement flagged when it can drop data.
 *
 * @param source where the statements come from (the deploy request read), or why there are none
 */
record SchemaPlan(String source, List<Statement> statements) {

  /** One DDL statement of the diff. */
  record Statement(String table, String ddl, boolean canDropData) {}

  // DROP TABLE/COLUMN/INDEX drops data or a way to reach it; MODIFY/CHANGE may narrow a column.
  private static final Pattern DROPS =
      Pattern.compile(
          "\\bDROP\\s+(TABLE|COLUMN)\\b|\\bALTER\\s+TABLE\\b.*\\b(MODIFY|CHANGE)\\b"
              + "|\\bTRUNCATE\\b",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  static SchemaPlan none(String why) {
    return new SchemaPlan(why, List.of());
  }

  static Statement statement(String table, String ddl) {
    return new Statement(table, ddl, DROPS.matcher(ddl.toUpperCase(Locale.ROOT)).find());
  }

  boolean dropsData() {
    return statements.stream().anyMatch(Statement::canDropData);
  }
}
