package dev.envops.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.planetscale.PlanetScaleClients;
import dev.envops.operator.planetscale.ServiceToken;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envops plan} against the sandbox: the live Environments in the Kubernetes API, the
 * PlanetScale simulator's diff of an open deploy request, the promotion gate, exit codes.
 */
class PlanCommandTest {

  @TempDir Path dir;
  private OperatorHarness h;

  @BeforeEach
  void start() throws Exception {
    h = OperatorHarness.withPlanetScale().start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void printsContainerChangesSchemaDiffAndGateAndNeverEnvValues() throws Exception {
    h.push("v1");
    h.push("v2");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    awaitPhase("qa", Phase.Ready, null);
    Environment live =
        Environments.requiringReadyIn(Environments.bookings("prod", h.repositoryUri(), "v1"), "qa");
    h.apply(live);
    awaitPhase("prod", Phase.Ready, null);

    h.onBranch("dev", "ALTER TABLE hotels ADD COLUMN description VARCHAR(400)");
    long number = openDeployRequest();

    Environment changed =
        Environments.withSchemaPromotion(
            Environments.requiringReadyIn(
                Environments.bookings("prod", h.repositoryUri(), "v2"), "qa"));
    changed
        .getSpec()
        .getLightsail()
        .setEnv(Map.of("LISTEN", "0.0.0.0:8080", "API_KEY", "s3cret-value"));
    Path file = write(changed);

    Plan plan = PlanCommand.compute(file, "envops", h.client(), planetScaleEnv());
    assertThat(plan.containerChanges())
        .contains("image tag: v1 -> v2", "env API_KEY: added", "env LISTEN: value changed");
    assertThat(plan.schema().source()).contains("deploy request #" + number);
    assertThat(plan.schema().statements())
        .anySatisfy(s -> assertThat(s.ddl()).containsIgnoringCase("add column `description`"));
    assertThat(plan.schema().dropsData()).isFalse();
    assertThat(plan.gate().admitted()).isFalse();
    assertThat(plan.exitCode()).isEqualTo(Plan.BLOCKED);
    String markdown = PlanRenderer.markdown(plan);
    assertThat(markdown)
        .contains("### envops plan: `envops/prod`", "blocked by the promotion gate", "description")
        .doesNotContain("s3cret-value", "0.0.0.0:8080");

    h.edit(
        "qa",
        e -> {
          e.getSpec().getImage().setTag("v2");
          return e;
        });
    awaitPhase("qa", Phase.Ready, "v2");
    Plan admitted = PlanCommand.compute(file, "envops", h.client(), planetScaleEnv());
    assertThat(admitted.gate().admitted()).isTrue();
    assertThat(admitted.exitCode()).isEqualTo(Plan.ROLLS_OUT);
  }

  @Test
  void aStatementThatDropsDataIsFlaggedWithItsOwnExitCode() throws Exception {
    h.push("v1");
    h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    h.onBranch("dev", "ALTER TABLE hotels DROP COLUMN name");
    openDeployRequest();
    Path file =
        write(
            Environments.withSchemaPromotion(Environments.bookings("qa", h.repositoryUri(), "v1")));

    Plan plan = PlanCommand.compute(file, "envops", h.client(), planetScaleEnv());
    assertThat(plan.schema().statements()).anySatisfy(s -> assertThat(s.canDropData()).isTrue());
    assertThat(plan.exitCode()).isEqualTo(Plan.DROPS_DATA);
    assertThat(PlanRenderer.text(plan)).contains("[can drop data]");
  }

  @Test
  void usageAndBadArgumentsExitAsDocumented() {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    assertThat(
            PlanCommand.run(
                new String[] {"--help"},
                Map.of(),
                new java.io.PrintStream(out),
                new java.io.PrintStream(err)))
        .isZero();
    assertThat(out.toString()).contains("usage: envops plan", "exit codes");
    assertThat(
            PlanCommand.run(
                new String[] {"--bogus"},
                Map.of(),
                new java.io.PrintStream(out),
                new java.io.PrintStream(err)))
        .isEqualTo(Plan.ERROR);
  }

  /** Rollouts on a loaded machine take longer than the harness's 20 s. */
  private void awaitPhase(String name, Phase phase, String tag) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> h.get(name),
            e ->
                e != null
                    && e.getStatus() != null
                    && e.getStatus().getPhase() == phase
                    && (tag == null || tag.equals(e.getStatus().getImage().getTag())));
  }

  private long openDeployRequest() {
    var client = PlanetScaleClients.create(h.planetScale().baseUrl());
    var token = new ServiceToken(OperatorHarness.PS_TOKEN_ID, OperatorHarness.PS_TOKEN);
    long number =
        client
            .create(
                token,
                OperatorHarness.PS_ORG,
                OperatorHarness.PS_DATABASE,
                "dev",
                "main",
                "opened by a person")
            .number();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !"pending"
                    .equals(
                        client
                            .get(token, OperatorHarness.PS_ORG, OperatorHarness.PS_DATABASE, number)
                            .deploymentState()));
    return number;
  }

  private Map<String, String> planetScaleEnv() {
    return Map.of(
        "PLANETSCALE_SERVICE_TOKEN_ID", OperatorHarness.PS_TOKEN_ID,
        "PLANETSCALE_SERVICE_TOKEN", OperatorHarness.PS_TOKEN,
        "ENVOPS_PLANETSCALE_API_URL", h.planetScale().baseUrl());
  }

  private Path write(Environment env) throws Exception {
    Path file = dir.resolve(env.getMetadata().getName() + ".yaml");
    Files.writeString(file, Serialization.asYaml(env));
    return file;
  }
}
