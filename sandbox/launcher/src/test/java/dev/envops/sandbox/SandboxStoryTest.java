package dev.envops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.lightsail.ContainerServiceSnapshot;
import dev.envops.sandbox.lightsail.DeploymentSnapshot;
import dev.envops.sandbox.planetscale.DeployRequestView;
import dev.envops.sandbox.planetscale.DeployState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's story end to end, through the launcher's own code on one sandbox: the tests run in
 * order because each release builds on the one before, as they do in the real pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxStoryTest {

  private static final String NO_CHANGES_TAG = "b71e09a";
  private static final String FAILING_SCHEMA_TAG = "d00d5ad";
  private static final String BROKEN_TAG = "broken-7f3a2c1";
  private static final String DROP_DESCRIPTION_TAG = "5e0a9b3";
  private static final String BAD_RELEASE_TAG = "bad-9c1d2e4";

  @TempDir static Path workDirectory;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private Launcher launcher;
  private Sandbox sandbox;
  private Story story;

  @BeforeAll
  void startSandboxWithBothExamplesReady() {
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    launcher = new Launcher(out, SandboxTimings.fast());
    sandbox = launcher.newSandbox(workDirectory);
    Progress progress = new Progress(out);
    sandbox.start(progress);
    story = new Story(sandbox, progress);
    story.setUp();
  }

  @AfterAll
  void stopEverything() {
    System.out.print(output.toString(StandardCharsets.UTF_8)); // the story's times, for the log
    if (sandbox != null) {
      sandbox.close();
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
        .as("bookings-api containers and MariaDB are stopped")
        .isEmpty();
  }

  @Test
  @Order(1)
  void qaRollsOutTheDescriptionReleaseWithoutADeployRequest() {
    story.developerChangesDev();
    // Prod's first rollout in setUp promoted dev -> main already (closed as no_changes).
    List<DeployRequestView> before = deployRequests();

    Environment qa = story.releaseToQa(Story.DESCRIPTION_TAG);

    assertThat(qa.getStatus().getDeployRequest()).isNull();
    assertThat(deployRequests()).as("no deploy request for a QA release").isEqualTo(before);
    assertThat(servingImage("bookings-api-service-qa")).endsWith(":" + Story.DESCRIPTION_TAG);
    assertThat(sandbox.database().columns(BookingsDatabase.MAIN, "hotels"))
        .as("main is untouched by a QA release")
        .doesNotContain("description");
  }

  @Test
  @Order(2)
  void prodPromotesTheSchemaWithADeployRequestBeforeItRollsOut() {
    Environment prod = story.releaseToProd(Story.DESCRIPTION_TAG);

    DeployRequestView request = deployRequest(prod);
    assertThat(request.branch()).isEqualTo(BookingsDatabase.DEV);
    assertThat(request.intoBranch()).isEqualTo(BookingsDatabase.MAIN);
    assertThat(request.deploymentState()).isEqualTo(DeployState.COMPLETE);
    assertThat(request.ddlStatements()).anyMatch(ddl -> ddl.contains("description"));
    assertThat(sandbox.database().columns(BookingsDatabase.MAIN, "hotels")).contains("description");
    assertThat(servingImage("bookings-api-service-prod")).endsWith(":" + Story.DESCRIPTION_TAG);
  }

  @Test
  @Order(3)
  void aReleaseWithoutSchemaChangeClosesItsDeployRequestAsNoChanges() {
    long before = deployRequests().size();
    story.releaseToQa(NO_CHANGES_TAG);

    Environment prod = story.releaseToProd(NO_CHANGES_TAG);

    DeployRequestView request = deployRequest(prod);
    assertThat(deployRequests()).hasSize((int) before + 1);
    assertThat(request.deploymentState()).isEqualTo(DeployState.NO_CHANGES);
    assertThat(request.open()).as("closed by the operator").isFalse();
    assertThat(servingImage("bookings-api-service-prod")).endsWith(":" + NO_CHANGES_TAG);
  }

  @Test
  @Order(4)
  void droppingTheDescriptionColumnRollsTheAppOutFirstThenTheSchema() {
    sandbox.database().execute(BookingsDatabase.DEV, "ALTER TABLE hotels DROP COLUMN description");
    story.release(ExampleManifests.QA, DROP_DESCRIPTION_TAG, "qa");
    List<String> calls = new CopyOnWriteArrayList<>();
    sandbox.aws().lightsail().faults().afterCall(op -> calls.add(op));
    sandbox.planetScale().faults().afterCall(op -> calls.add(op));
    try {
      Environment prod = story.release(ExampleManifests.PROD, DROP_DESCRIPTION_TAG, "main");

      assertThat(prod.getStatus().getDeployRequest().getChangeClass()).isEqualTo("DESTRUCTIVE");
      assertThat(prod.getStatus().getDeployRequest().getOrder()).isEqualTo("AfterRollout");
      assertThat(calls.indexOf("CreateContainerServiceDeployment"))
          .as("the app rolls out before the deploy request deploys: %s", calls)
          .isGreaterThanOrEqualTo(0)
          .isLessThan(calls.indexOf("queue_deploy_request"));
      assertThat(sandbox.database().columns(BookingsDatabase.MAIN, "hotels"))
          .doesNotContain("description");
      assertThat(servingImage("bookings-api-service-prod")).endsWith(":" + DROP_DESCRIPTION_TAG);
      assertThat(story.hotels().hotels(Story.url(prod))).isNotEmpty();
    } finally {
      sandbox.aws().lightsail().faults().afterCall(op -> {});
      sandbox.planetScale().faults().afterCall(op -> {});
    }
  }

  @Test
  @Order(5)
  void aBadReleaseRolledBackInsideTheRevertWindowTakesItsSchemaBackToo() {
    sandbox
        .client()
        .resources(Environment.class)
        .inNamespace(PlatformSetup.NAMESPACE)
        .withName(ExampleManifests.PROD)
        .edit(
            e -> {
              e.getSpec().getDatabase().setKeepRevertWindow(true);
              return e;
            });
    sandbox.database().execute(BookingsDatabase.DEV, "ALTER TABLE hotels ADD rating INT NULL");
    story.release(ExampleManifests.QA, BAD_RELEASE_TAG, "qa");
    Environment bad = story.release(ExampleManifests.PROD, BAD_RELEASE_TAG, "main");
    assertThat(sandbox.database().columns(BookingsDatabase.MAIN, "hotels")).contains("rating");
    assertThat(bad.getStatus().condition("RollbackAvailable").orElseThrow().getMessage())
        .contains("tag back to " + DROP_DESCRIPTION_TAG);

    story.ci().bump(ExampleManifests.PROD, DROP_DESCRIPTION_TAG, "main");
    Environment back = story.watch().awaitReady(ExampleManifests.PROD, DROP_DESCRIPTION_TAG);

    assertThat(back.getStatus().getRollback().getState()).isEqualTo("complete_revert");
    assertThat(sandbox.database().columns(BookingsDatabase.MAIN, "hotels"))
        .as("the schema went back with the app")
        .doesNotContain("rating");
    assertThat(servingImage("bookings-api-service-prod")).endsWith(":" + DROP_DESCRIPTION_TAG);
    assertThat(back.getStatus().getHistory().get(0).getAdmittedBy()).isEqualTo("OwnHistory");
  }

  @Test
  @Order(6)
  void aSchemaChangeThatFailsToDeployKeepsProdOnItsImage() {
    String servingBefore = servingImage("bookings-api-service-prod");
    String prodUrl = Story.url(environment(ExampleManifests.PROD));
    // Prod's data has two hotels of one name; dev's has not, so the index applies on dev only.
    story.hotels().add(prodUrl, "The Galt House", "140 N Fourth St, Louisville, KY", 8, "annex");
    sandbox
        .database()
        .execute(BookingsDatabase.DEV, "ALTER TABLE hotels ADD UNIQUE INDEX hotels_name (name)");
    // dev has no description column since the release above: QA shows no Description now.
    story.release(ExampleManifests.QA, FAILING_SCHEMA_TAG, "qa");
    story.ci().bump(ExampleManifests.PROD, FAILING_SCHEMA_TAG, "main");

    Environment prod = story.watch().awaitFailed(ExampleManifests.PROD, FAILING_SCHEMA_TAG);

    assertThat(deployRequest(prod).deploymentState()).isEqualTo(DeployState.COMPLETE_ERROR);
    assertThat(servingImage("bookings-api-service-prod")).isEqualTo(servingBefore);
    assertThat(story.hotels().hotels(prodUrl))
        .as("prod keeps serving its previous image")
        .filteredOn(hotel -> "The Galt House".equals(hotel.path("Name").asText()))
        .hasSize(2);
  }

  @Test
  @Order(7)
  void aBrokenImageEndsFailedAndThePreviousDeploymentKeepsServing() {
    Environment before = environment(ExampleManifests.QA);
    String qaUrl = Story.url(before);
    String servingBefore = servingImage("bookings-api-service-qa");
    story.ci().push(BROKEN_TAG);
    story.ci().bump(ExampleManifests.QA, BROKEN_TAG, "qa");

    Environment qa = story.watch().awaitFailed(ExampleManifests.QA, BROKEN_TAG);

    assertThat(qa.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(qa.getStatus().getLightsail().getState()).isEqualTo("FAILED");
    assertThat(qa.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("keeps serving");
    ContainerServiceSnapshot service = lightsailService("bookings-api-service-qa");
    assertThat(service.deployments().get(0).containers().values())
        .allMatch(container -> container.image().endsWith(":" + BROKEN_TAG));
    assertThat(servingImage("bookings-api-service-qa")).isEqualTo(servingBefore);
    assertThat(Story.url(qa)).isEqualTo(qaUrl);
    assertThat(story.hotels().hotels(qaUrl))
        .as("the previous deployment still answers on the same URL")
        .anyMatch(hotel -> "Hotel California".equals(hotel.path("Name").asText()));
  }

  @Test
  @Order(8)
  void theSummaryShowsTheTableTheUrlsAndKubectlWithoutSecrets() throws Exception {
    launcher.printSummary(sandbox);

    String printed = output.toString(StandardCharsets.UTF_8);
    String qaUrl = Story.url(environment(ExampleManifests.QA));
    assertThat(printed)
        .contains("NAME", "PHASE", "TAG", "GIT REF", "DEPLOY REQUEST", "URL", "AGE")
        .containsPattern("bookings-qa +Failed +" + BROKEN_TAG + " +qa ")
        .contains("curl " + qaUrl + "hotels")
        .contains("kubectl --kubeconfig " + sandbox.kubeconfig() + " -n envops get env")
        .contains("CI: bumped bookings-qa to tag " + Story.DESCRIPTION_TAG)
        .contains("bookings-qa: GET " + qaUrl + "hotels shows Description");
    List<Path> containerLogs;
    try (var files = Files.list(workDirectory.resolve("logs"))) {
      containerLogs = files.toList();
    }
    assertThat(containerLogs).isNotEmpty();
    for (String secret : secrets()) {
      assertThat(printed).doesNotContain(secret);
      for (Path log : containerLogs) {
        assertThat(Files.readString(log)).as(log.toString()).doesNotContain(secret);
      }
    }
  }

  @Test
  @Order(9)
  void kubectlListsTheEnvironmentsThroughTheWrittenKubeconfig() throws Exception {
    assumeThat(Path.of("/usr/bin/kubectl")).as("kubectl is installed").exists();
    Process kubectl =
        new ProcessBuilder(
                "kubectl",
                "--kubeconfig",
                sandbox.kubeconfig().toString(),
                "-n",
                "envops",
                "get",
                "env")
            .redirectErrorStream(true)
            .start();
    String printed = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(kubectl.waitFor()).as(printed).isZero();
    assertThat(printed).contains("bookings-qa", "bookings-prod", BROKEN_TAG);
  }

  private List<String> secrets() {
    String dsn = sandbox.database().dsn(BookingsDatabase.MAIN);
    String password = dsn.substring(dsn.indexOf(':') + 1, dsn.indexOf('@'));
    return List.of(password, sandbox.tokenSecret());
  }

  private Environment environment(String name) {
    return sandbox
        .client()
        .resources(Environment.class)
        .inNamespace(PlatformSetup.NAMESPACE)
        .withName(name)
        .get();
  }

  private List<DeployRequestView> deployRequests() {
    return sandbox
        .planetScale()
        .deployRequests(BookingsDatabase.ORGANIZATION, BookingsDatabase.DATABASE);
  }

  private DeployRequestView deployRequest(Environment env) {
    assertThat(env.getStatus().getDeployRequest()).as("deploy request in status").isNotNull();
    return sandbox
        .planetScale()
        .deployRequest(
            BookingsDatabase.ORGANIZATION,
            BookingsDatabase.DATABASE,
            env.getStatus().getDeployRequest().getNumber());
  }

  private ContainerServiceSnapshot lightsailService(String name) {
    return sandbox.aws().lightsail().service(name).orElseThrow();
  }

  /** The image of the container behind the public endpoint of the ACTIVE deployment. */
  private String servingImage(String serviceName) {
    DeploymentSnapshot current = lightsailService(serviceName).currentDeployment().orElseThrow();
    return current.servingContainer().orElseThrow().image();
  }
}
