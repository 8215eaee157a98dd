package dev.envops.operator.planetscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a deploy request's DDL does to the app that runs now, from its statements and PlanetScale's
 * {@code can_drop_data}: additive changes (add a table, a nullable column, an index) leave the old
 * app working, so they go before the new app; destructive ones (drop or rename a table or column)
 * break it, so they go after; a type change cannot be told widening from narrowing by its DDL
 * alone, so it is unknown.
 */
public enum SchemaChangeClass {
  /** Nothing to deploy. */
  NONE,
  /** Adds only: the running app ignores it. */
  ADDITIVE,
  /** Removes or renames what the running app may read. */
  DESTRUCTIVE,
  /** Both additive and destructive statements: no order is safe for both app versions. */
  MIXED,
  /** A statement whose effect on the running app cannot be told from its DDL. */
  UNKNOWN;

  private static final Pattern TOP_LEVEL_COMMA = Pattern.compile(",(?![^()]*\\))");

  /** The class of the whole deploy. */
  public static SchemaChangeClass of(List<DeployRequest.DeployOperation> operations) {
    boolean additive = false;
    boolean destructive = false;
    for (DeployRequest.DeployOperation op : operations) {
      for (SchemaChangeClass c : classify(op)) {
        switch (c) {
          case UNKNOWN -> {
            return UNKNOWN;
          }
          case ADDITIVE -> additive = true;
          case DESTRUCTIVE -> destructive = true;
          default -> {}
        }
      }
    }
    if (additive && destructive) {
      return MIXED;
    }
    return destructive ? DESTRUCTIVE : additive ? ADDITIVE : NONE;
  }

  /** The statements of {@code operations} that are not additive, for a message. */
  public static List<String> notAdditive(List<DeployRequest.DeployOperation> operations) {
    List<String> out = new ArrayList<>();
    for (DeployRequest.DeployOperation op : operations) {
      if (classify(op).stream().anyMatch(c -> c != ADDITIVE && c != NONE)) {
        out.add(op.ddl());
      }
    }
    return out;
  }

  private static List<SchemaChangeClass> classify(DeployRequest.DeployOperation op) {
    String ddl = op.ddl().trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    List<SchemaChangeClass> classes = new ArrayList<>();
    if (op.canDropData()) {
      classes.add(DESTRUCTIVE);
    }
    if (ddl.startsWith("CREATE TABLE")) {
      classes.add(ADDITIVE);
    } else if (ddl.startsWith("DROP TABLE") || ddl.startsWith("RENAME TABLE")) {
      classes.add(DESTRUCTIVE);
    } else if (ddl.startsWith("ALTER TABLE ")) {
      String rest = ddl.substring("ALTER TABLE ".length());
      int space = rest.indexOf(' ');
      String clauses = space < 0 ? "" : rest.substring(space + 1);
      for (String clause : TOP_LEVEL_COMMA.split(clauses)) {
        classes.add(clause(clause.trim()));
      }
    } else {
      classes.add(UNKNOWN);
    }
    return classes;
  }

  private static SchemaChangeClass clause(String clause) {
    if (clause.matches("ADD (UNIQUE |FULLTEXT |SPATIAL )?(INDEX|KEY)\\b.*")
        || clause.matches("ADD (CONSTRAINT|PRIMARY KEY|UNIQUE|FOREIGN KEY)\\b.*")
        || clause.matches("DROP (INDEX|KEY|PRIMARY KEY|FOREIGN KEY)\\b.*")
        || clause.matches("ALTER (COLUMN )?\\S+ (SET|DROP) DEFAULT\\b.*")) {
      return ADDITIVE;
    }
    if (clause.startsWith("ADD ")) {
      // A NOT NULL column without a default breaks the running app's inserts.
      boolean notNull = clause.contains("NOT NULL");
      boolean defaulted = clause.contains(" DEFAULT ") || clause.contains("AUTO_INCREMENT");
      return notNull && !defaulted ? UNKNOWN : ADDITIVE;
    }
    if (clause.startsWith("DROP ")
        || clause.startsWith("RENAME ")
        || clause.startsWith("CHANGE ")) {
      return DESTRUCTIVE;
    }
    return UNKNOWN;
  }
}
