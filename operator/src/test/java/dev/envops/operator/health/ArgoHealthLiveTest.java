package dev.envops.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.health.Kstatus.Status;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * health.lua, run in Lua 5.1, on Environments the operator really wrote in each state, and kstatus
 * on the same objects. With {@code -Denvops.argo.exportFixtures=true} the objects are written to
 * testdata/ (as {@code kubectl get -o yaml} shows them, managedFields left out) and
 * health_test.yaml is rewritten: that is how the checked-in fixtures were made.
 */
class ArgoHealthLiveTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  private final Map<String, LuaHealth.Health> exported = new LinkedHashMap<>();
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.create().start();
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void everyStateReadsAsArgoCdAndKstatusShouldSeeIt() throws Exception {
    h.push("v1");
    h.push("v2");
    h.push("broken-v3");
    h.push("v4");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    check(
        "progressing",
        awaitObject("qa", e -> phase(e, Phase.Deploying)),
        "Progressing",
        Status.IN_PROGRESS);
    check("healthy", awaitObject("qa", e -> phase(e, Phase.Ready)), "Healthy", Status.CURRENT);

    Environment bumped = h.edit("qa", e -> tag(e, "v2"));
    check("stale-generation", bumped, "Progressing", Status.IN_PROGRESS);
    awaitObject("qa", e -> phase(e, Phase.Ready) && "v2".equals(e.getStatus().getImage().getTag()));

    h.edit("qa", e -> tag(e, "broken-v3"));
    check(
        "degraded-deployment-failed",
        awaitObject("qa", e -> phase(e, Phase.Failed)),
        "Degraded",
        Status.FAILED);

    h.apply(Environments.bookings("missing", h.repositoryUri(), "never-pushed"));
    check(
        "degraded-image-not-found",
        awaitObject("missing", e -> "ImageNotFound".equals(readyReason(e))),
        "Degraded",
        Status.FAILED);

    Environment paused = Environments.bookings("paused", h.repositoryUri(), "v1");
    paused.getSpec().setSuspend(true);
    h.apply(paused);
    check(
        "suspended",
        awaitObject("paused", e -> phase(e, Phase.Suspended)),
        "Suspended",
        Status.IN_PROGRESS);

    h.apply(
        Environments.requiringReadyIn(
            Environments.bookings("prod", h.repositoryUri(), "v4"), "qa"));
    check(
        "suspended-blocked-by-gate",
        awaitObject("prod", e -> phase(e, Phase.Blocked)),
        "Suspended",
        Status.IN_PROGRESS);

    if (Boolean.getBoolean("envops.argo.exportFixtures")) {
      export();
    }
  }

  private void check(String name, Environment env, String argo, Status kstatus) throws Exception {
    JsonNode obj = asExported(env);
    LuaHealth.Health health = LuaHealth.evaluate(LuaHealth.SCRIPT, obj);
    assertThat(health.status()).as(name + ": " + health.message()).isEqualTo(argo);
    assertThat(Kstatus.compute(obj)).as(name).isEqualTo(kstatus);
    exported.put(name, health);
    if (Boolean.getBoolean("envops.argo.exportFixtures")) {
      YAML.writeValue(
          LuaHealth.SCRIPT.resolveSibling("testdata").resolve(name + ".yaml").toFile(), obj);
    }
  }

  private void export() throws Exception {
    StringBuilder out = new StringBuilder("tests:\n");
    for (var e : exported.entrySet()) {
      out.append("- healthStatus:\n")
          .append("    status: ")
          .append(e.getValue().status())
          .append('\n')
          .append("    message: ")
          .append(JSON.writeValueAsString(e.getValue().message()))
          .append('\n')
          .append("  inputPath: testdata/")
          .append(e.getKey())
          .append(".yaml\n");
    }
    Files.writeString(LuaHealth.SCRIPT.resolveSibling("health_test.yaml"), out.toString());
  }

  /** The object as {@code kubectl get -o yaml} shows it (managedFields hidden, no nulls). */
  private static JsonNode asExported(Environment env) {
    ObjectNode obj = JSON.valueToTree(env);
    ((ObjectNode) obj.path("metadata")).remove("managedFields");
    return withoutNulls(obj);
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      node.fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isNull()) {
                  copy.set(f.getKey(), withoutNulls(f.getValue()));
                }
              });
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return node;
  }

  private Environment awaitObject(String name, Predicate<Environment> check) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> h.get(name), e -> e != null && e.getStatus() != null && check.test(e));
  }

  private static boolean phase(Environment e, Phase phase) {
    return e.getStatus().getPhase() == phase;
  }

  private static String readyReason(Environment e) {
    return e.getStatus().condition("Ready").map(c -> c.getReason()).orElse("");
  }

  private static Environment tag(Environment e, String tag) {
    e.getSpec().getImage().setTag(tag);
    return e;
  }
}
