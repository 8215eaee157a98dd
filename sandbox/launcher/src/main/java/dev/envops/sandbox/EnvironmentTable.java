package dev.envops.sandbox;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The Environments as {@code kubectl get env} prints them: the CRD's printer columns. */
public final class EnvironmentTable {

  private static final List<String> HEADERS =
      List.of("NAME", "PHASE", "TAG", "GIT REF", "DEPLOY REQUEST", "URL", "AGE");

  private EnvironmentTable() {}

  public static String render(List<Environment> environments, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    environments.stream()
        .sorted(Comparator.comparing(env -> env.getMetadata().getName()))
        .forEach(env -> rows.add(row(env, now)));
    int[] widths = new int[HEADERS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 3));
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString();
  }

  private static List<String> row(Environment env, Instant now) {
    Optional<EnvironmentStatus> status = Optional.ofNullable(env.getStatus());
    return List.of(
        env.getMetadata().getName(),
        status.map(EnvironmentStatus::getPhase).map(String::valueOf).orElse(""),
        Optional.ofNullable(env.getSpec().getImage().getTag()).orElse(""),
        Optional.ofNullable(env.getSpec().getGitRef()).orElse(""),
        status
            .map(EnvironmentStatus::getDeployRequest)
            .map(dr -> dr.getNumber())
            .map(String::valueOf)
            .orElse(""),
        status.map(EnvironmentStatus::getLightsail).map(ls -> ls.getUrl()).orElse(""),
        Optional.ofNullable(env.getMetadata().getCreationTimestamp())
            .map(created -> age(Duration.between(Instant.parse(created), now)))
            .orElse("<unknown>"));
  }

  /** kubectl's short age (its HumanDuration): 45s, 3m12s, 42m, 3h5m, 20h, 3d4h, 30d. */
  static String age(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    long minutes = seconds / 60;
    long hours = minutes / 60;
    long days = hours / 24;
    if (seconds < 120) {
      return seconds + "s";
    }
    if (minutes < 10) {
      return minutes + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    if (hours < 3) {
      return minutes + "m";
    }
    if (hours < 8) {
      return hours + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (days < 8) {
      return days + "d" + (hours % 24 == 0 ? "" : hours % 24 + "h");
    }
    return days + "d";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(1, width - text.length()));
  }
}
