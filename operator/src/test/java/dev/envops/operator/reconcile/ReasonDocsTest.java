package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Phase;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/operator.md lists every {@link Reason} and no reason the operator does not write: the
 * condition reasons in the reason column of the table under "Conditions and reasons", the reasons
 * that stall in its Stalled row, and the event reasons (with their type) under "Events".
 */
class ReasonDocsTest {

  private static final Pattern CODE = Pattern.compile("`([A-Z][A-Za-z]+)`");

  private static String conditions;
  private static String events;

  @BeforeAll
  static void readDocs() throws IOException {
    Path doc = Path.of(System.getProperty("envops.docs.dir", "../docs"), "operator.md");
    String text = Files.readString(doc);
    conditions = section(text, "### Conditions and reasons");
    events = section(text, "### Events");
  }

  @Test
  void wireNamesAreUniqueAndCamelCase() {
    assertThat(Arrays.stream(Reason.values()).map(Reason::wire)).doesNotHaveDuplicates();
    assertThat(Reason.values()).allMatch(r -> r.wire().matches("[A-Z][A-Za-z]+"));
    assertThat(Reason.values()).allMatch(r -> r.condition() || r.eventType().isPresent());
    assertThat(Reason.values()).allMatch(r -> r.condition() || r.stall() == Reason.Stall.NEVER);
    assertThat(Reason.of("DeploymentFailed")).contains(Reason.DEPLOYMENT_FAILED);
    assertThat(Reason.of("NoSuchReason")).isEmpty();
  }

  @Test
  void theReasonTableListsEveryConditionReasonAndNoOther() {
    Set<String> documented = new TreeSet<>();
    List<String> rows = tableRows(conditions, "| condition | status | reason | when |");
    assertThat(rows).isNotEmpty();
    for (String row : rows) {
      String[] cells = row.split("\\|");
      // "| a | b | c | d |" splits into "", a, b, c, d
      documented.addAll(codes(cells[3]));
    }
    Set<String> written = wires(Reason::condition);
    assertThat(missing(written, documented))
        .as("condition reasons the operator writes but docs/operator.md does not list")
        .isEmpty();
    assertThat(missing(documented, written))
        .as("reasons docs/operator.md lists as condition reasons but the operator does not write")
        .isEmpty();
  }

  @Test
  void theStalledRowListsEveryReasonThatStalls() {
    String row =
        conditions
            .lines()
            .filter(l -> l.startsWith("| `Stalled` | True |"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Stalled=True row"));
    // "| `Stalled` | True | when |": the reasons are in the third cell
    Set<String> documented = codes(row.split("\\|")[3]);
    Set<String> stalling = wires(r -> r.stall() != Reason.Stall.NEVER);
    Set<String> phases =
        Arrays.stream(Phase.values())
            .map(Phase::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(missing(stalling, documented))
        .as("reasons that stall (Reason.stall()) but the Stalled row does not name")
        .isEmpty();
    documented.removeAll(phases);
    assertThat(missing(documented, stalling))
        .as("reasons the Stalled row names but that do not stall")
        .isEmpty();
  }

  @Test
  void theEventsSectionListsEveryEventReasonWithItsTypeAndNoOtherReason() {
    String text = events.replaceAll("\\s+", " ");
    Set<String> documented = codes(text);
    Set<String> emitted = wires(r -> r.eventType().isPresent());
    assertThat(missing(emitted, documented))
        .as("event reasons the operator emits but the Events section does not list")
        .isEmpty();
    // Besides reasons the section may name a condition (`Stalled`).
    Set<String> known = wires(r -> true);
    known.addAll(conditionTypes());
    assertThat(missing(documented, known))
        .as("reasons the Events section lists but the operator does not have")
        .isEmpty();
    for (Reason reason : Reason.values()) {
      if (reason.eventType().isEmpty()) {
        continue;
      }
      boolean warning = reason.eventType().get() == Reason.EventType.WARNING;
      assertThat(text.contains("`" + reason.wire() + "` (Warning"))
          .as(reason.wire() + " is marked (Warning) in the Events section")
          .isEqualTo(warning);
    }
  }

  /** The text from {@code heading} to the next heading of the same or a higher level. */
  private static String section(String text, String heading) {
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as("docs/operator.md has a section " + heading).isNotNegative();
    String level = heading.substring(0, heading.indexOf(' '));
    Matcher next =
        Pattern.compile("\n#{1," + level.length() + "} ")
            .matcher(text)
            .region(start + 1, text.length());
    return text.substring(start + 1, next.find() ? next.start() : text.length());
  }

  /** The body rows of the table whose header line is {@code header}. */
  private static List<String> tableRows(String text, String header) {
    List<String> lines = text.lines().toList();
    int at = lines.indexOf(header);
    assertThat(at).as("a table headed " + header).isNotNegative();
    return lines.subList(at + 2, lines.size()).stream().takeWhile(l -> l.startsWith("|")).toList();
  }

  private static Set<String> codes(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = CODE.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return new TreeSet<>(found);
  }

  private static Set<String> wires(java.util.function.Predicate<Reason> which) {
    return Arrays.stream(Reason.values())
        .filter(which)
        .map(Reason::wire)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> missing(Set<String> wanted, Set<String> present) {
    Set<String> out = new TreeSet<>(wanted);
    out.removeAll(present);
    return out;
  }

  private static Set<String> conditionTypes() {
    Set<String> types = new TreeSet<>();
    for (Field f : ConditionType.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          types.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return types;
  }
}
