package dev.envops.operator.plan;

import java.util.List;

/** Renders a {@link Plan} as markdown (a pull-request comment) or plain text (a CI log). */
final class PlanRenderer {

  private PlanRenderer() {}

  static String markdown(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("### envops plan: `")
        .append(plan.namespace())
        .append('/')
        .append(plan.name())
        .append("`\n\n");
    out.append("**Verdict:** ").append(plan.verdict()).append("\n\n");
    out.append("#### Container\n\n");
    list(out, plan.containerChanges(), "no container change", "- ");
    out.append("\n#### Schema\n\n").append(plan.schema().source()).append("\n\n");
    if (!plan.schema().statements().isEmpty()) {
      out.append("| table | DDL | can drop data |\n| --- | --- | --- |\n");
      for (SchemaPlan.Statement s : plan.schema().statements()) {
        out.append("| `")
            .append(s.table())
            .append("` | `")
            .append(s.ddl().replace("|", "\\|").replace("`", "'"))
            .append("` | ")
            .append(s.canDropData() ? ":warning: yes" : "no")
            .append(" |\n");
      }
      out.append('\n');
    }
    out.append("#### Promotion gate\n\n")
        .append(plan.gate().admitted() ? "admits: " : "blocks: ")
        .append(plan.gate().message())
        .append('\n');
    return out.toString();
  }

  static String text(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("envops plan ")
        .append(plan.namespace())
        .append('/')
        .append(plan.name())
        .append('\n');
    out.append("verdict: ").append(plan.verdict()).append('\n');
    out.append("container:\n");
    list(out, plan.containerChanges(), "no container change", "  ");
    out.append("schema: ").append(plan.schema().source()).append('\n');
    for (SchemaPlan.Statement s : plan.schema().statements()) {
      out.append("  ")
          .append(s.canDropData() ? "[can drop data] " : "")
          .append(s.ddl())
          .append('\n');
    }
    out.append("promotion gate: ")
        .append(plan.gate().admitted() ? "admits: " : "blocks: ")
        .append(plan.gate().message())
        .append('\n');
    return out.toString();
  }

  private static void list(StringBuilder out, List<String> items, String empty, String bullet) {
    if (items.isEmpty()) {
      out.append(bullet).append(empty).append('\n');
    }
    items.forEach(i -> out.append(bullet).append(i).append('\n'));
  }
}
