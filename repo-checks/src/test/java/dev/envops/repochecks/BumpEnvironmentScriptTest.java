package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envops.sandbox.apiserver.KubeApiServer;
import dev.envops.sandbox.apiserver.OperatorInstallation;
import dev.envops.sandbox.apiserver.OperatorManifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/bump-environment against the sandbox's Kubernetes API with fake CodeBuild builds. */
class BumpEnvironmentScriptTest {

  static final ResourceDefinitionContext ENVIRONMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("envops.dev")
          .withVersion("v1alpha1")
          .withKind("Environment")
          .withPlural("environments")
          .withNamespaced(true)
          .build();
  static final Path CRD = BumpScript.REPO_ROOT.resolve("crds/environments.envops.dev-v1.yml");
  static final String SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  @TempDir static Path home;

  private static KubernetesClient admin;
  private static BumpScript script;

  @BeforeAll
  static void startSandbox() {
    Kubectl.assumeInstalled();
    Assumptions.assumeTrue(Files.isRegularFile(CRD), "no generated CRD at " + CRD);
    KubeApiServer server = KubeApiServer.shared();
    OperatorInstallation.install(server, OperatorManifests.fromRepository(BumpScript.REPO_ROOT));
    admin = server.adminClient();
    try {
      script =
          new BumpScript(server.writeAdminKubeconfig(home.resolve("kubeconfig"), "envops"), home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopSandbox() {
    if (admin != null) {
      admin.close();
    }
  }

  @BeforeEach
  void freshEnvironments() throws IOException {
    for (String name : List.of("bookings-qa", "bookings-prod")) {
      environment(name).delete();
      await().until(() -> environment(name).get() == null);
      try (InputStream in = fixture(name)) {
        admin
            .genericKubernetesResources(ENVIRONMENTS)
            .inNamespace("envops")
            .resource(Serialization.unmarshal(in, GenericKubernetesResource.class))
            .create();
      }
    }
  }

  static InputStream fixture(String name) {
    return BumpEnvironmentScriptTest.class.getResourceAsStream(
        "/gitops/environments/" + name + ".yaml");
  }

  static Resource<GenericKubernetesResource> environment(String name) {
    return admin.genericKubernetesResources(ENVIRONMENTS).inNamespace("envops").withName(name);
  }

  static String tag(String name) {
    return environment(name).get().get("spec", "image", "tag").toString();
  }

  static String gitRef(String name) {
    return environment(name).get().get("spec", "gitRef").toString();
  }

  static String resourceVersion(String name) {
    return environment(name).get().getMetadata().getResourceVersion();
  }

  @Test
  void aPushToQaBumpsOnlyQa() {
    String prodVersion = resourceVersion("bookings-prod");

    BumpScript.Result result = script.run(BumpScript.qaPush(SHA));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(tag("bookings-qa")).isEqualTo(SHA);
    assertThat(gitRef("bookings-qa")).isEqualTo("qa");
    assertThat(resourceVersion("bookings-prod")).isEqualTo(prodVersion);
  }

  @Test
  void aMergedPullRequestIntoMainBumpsOnlyProd() {
    String qaVersion = resourceVersion("bookings-qa");

    BumpScript.Result result = script.run(BumpScript.mergedIntoMain(SHA));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(tag("bookings-prod")).isEqualTo(SHA);
    assertThat(gitRef("bookings-prod")).isEqualTo("main");
    assertThat(resourceVersion("bookings-qa")).isEqualTo(qaVersion);
  }

  @Test
  void anUnrelatedBranchChangesNothing() {
    String qaVersion = resourceVersion("bookings-qa");
    String prodVersion = resourceVersion("bookings-prod");
    Map<String, String> featurePush = new HashMap<>(BumpScript.qaPush(SHA));
    featurePush.put("CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/feature/rooms");
    Map<String, String> prIntoQa = new HashMap<>(BumpScript.mergedIntoMain(SHA));
    prIntoQa.put("CODEBUILD_WEBHOOK_BASE_REF", "refs/heads/qa");
    Map<String, String> pushToMain = new HashMap<>(BumpScript.qaPush(SHA));
    pushToMain.put("CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/main");

    for (Map<String, String> build : List.of(featurePush, prIntoQa, pushToMain)) {
      BumpScript.Result result = script.run(build);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("no Environment to bump");
    }

    assertThat(resourceVersion("bookings-qa")).isEqualTo(qaVersion);
    assertThat(resourceVersion("bookings-prod")).isEqualTo(prodVersion);
  }

  @Test
  void runningTheSameBuildTwiceChangesNothingTheSecondTime() {
    script.run(BumpScript.qaPush(SHA));
    String afterFirst = resourceVersion("bookings-qa");
    long generation = environment("bookings-qa").get().getMetadata().getGeneration();

    BumpScript.Result second = script.run(BumpScript.qaPush(SHA));

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("already at tag " + SHA);
    assertThat(resourceVersion("bookings-qa")).isEqualTo(afterFirst);
    assertThat(environment("bookings-qa").get().getMetadata().getGeneration())
        .isEqualTo(generation);
  }

  @Test
  void anExplicitEnvironmentOverridesTheWebhookMapping() {
    Map<String, String> build = new HashMap<>(BumpScript.qaPush(SHA));
    build.put("ENVIRONMENT", "bookings-prod");
    build.put("GIT_REF", "hotfix");

    BumpScript.Result result = script.run(build);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(tag("bookings-prod")).isEqualTo(SHA);
    assertThat(gitRef("bookings-prod")).isEqualTo("hotfix");
    assertThat(tag("bookings-qa")).isEqualTo("9f1c2ab");
  }

  @Test
  void refusesWithoutRequiredVariablesAndChangesNothing() {
    String qaVersion = resourceVersion("bookings-qa");
    Map<String, String> noTag = new HashMap<>(BumpScript.qaPush(SHA));
    noTag.remove("CODEBUILD_RESOLVED_SOURCE_VERSION");
    Map<String, String> noWebhook = Map.of("CODEBUILD_RESOLVED_SOURCE_VERSION", SHA);
    Map<String, String> failedBuild = new HashMap<>(BumpScript.qaPush(SHA));
    failedBuild.put("CODEBUILD_BUILD_SUCCEEDING", "0");
    Map<String, String> badTag = new HashMap<>(BumpScript.qaPush("not a tag!"));
    Map<String, String> missingEnvironment = new HashMap<>(BumpScript.qaPush(SHA));
    missingEnvironment.put("ENVIRONMENT", "bookings-staging");

    Map<Map<String, String>, String> expected =
        Map.of(
            noTag, "no image tag",
            noWebhook, "ENVIRONMENT is not set",
            failedBuild, "the build has failed",
            badTag, "is not a valid image tag",
            missingEnvironment, "cannot read Environment envops/bookings-staging");
    expected.forEach(
        (build, message) -> {
          BumpScript.Result result = script.run(build);
          assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
          assertThat(result.output()).contains("refusing to run", message, "nothing was changed");
        });

    assertThat(resourceVersion("bookings-qa")).isEqualTo(qaVersion);
  }

  @Test
  void waitsForReadyOfTheNewGenerationAndFailsWhenTheRolloutFails() throws IOException {
    Map<String, String> build = new HashMap<>(BumpScript.qaPush(SHA));
    build.put("WAIT_FOR_READY", "60s");
    build.put("POLL_SECONDS", "1");
    setStatus("bookings-qa", "Ready", "True", "Ready", 1);

    Process waiting = script.start(build, home.resolve("wait-ready.log"));
    await().until(() -> SHA.equals(tag("bookings-qa")));
    assertThat(waiting.isAlive()).as("a Ready of the previous generation is not enough").isTrue();
    long generation = environment("bookings-qa").get().getMetadata().getGeneration();
    setStatus("bookings-qa", "Ready", "True", "Ready", generation);
    await().atMost(Duration.ofSeconds(30)).until(() -> !waiting.isAlive());
    assertThat(waiting.exitValue()).as(Files.readString(home.resolve("wait-ready.log"))).isZero();

    build.put("CODEBUILD_RESOLVED_SOURCE_VERSION", "badc0ffee");
    Process failing = script.start(build, home.resolve("wait-failed.log"));
    await().until(() -> "badc0ffee".equals(tag("bookings-qa")));
    long next = environment("bookings-qa").get().getMetadata().getGeneration();
    setStatus("bookings-qa", "Failed", "False", "DeploymentFailed", next);
    await().atMost(Duration.ofSeconds(30)).until(() -> !failing.isAlive());
    assertThat(failing.exitValue()).isEqualTo(1);
    assertThat(Files.readString(home.resolve("wait-failed.log")))
        .contains("failed: DeploymentFailed");
  }

  @Test
  void helpPrintsTheUsageAndChangesNothing() {
    String qaVersion = resourceVersion("bookings-qa");
    BumpScript.Result result = script.run(Map.of(), "--help");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("Usage: bump-environment", "WAIT_FOR_READY", "Exit codes");
    assertThat(resourceVersion("bookings-qa")).isEqualTo(qaVersion);
  }

  @Test
  void stopsAtOnceWhenTheEnvironmentIsStalledInsteadOfWaitingOutTheTimeout() throws IOException {
    Map<String, String> build = new HashMap<>(BumpScript.qaPush(SHA));
    build.put("WAIT_FOR_READY", "10m");
    build.put("POLL_SECONDS", "1");

    Process waiting = script.start(build, home.resolve("wait-stalled.log"));
    await().until(() -> SHA.equals(tag("bookings-qa")));
    long generation = environment("bookings-qa").get().getMetadata().getGeneration();
    setStatus(
        "bookings-qa",
        "Pending",
        List.of(
            condition("Ready", "False", "ImageNotFound", "image " + SHA + " not found", generation),
            condition("Reconciling", "False", "ImageNotFound", "image not found", generation),
            condition(
                "Stalled", "True", "ImageNotFound", "image " + SHA + " not found", generation)),
        generation);
    await().atMost(Duration.ofSeconds(30)).until(() -> !waiting.isAlive());
    String output = Files.readString(home.resolve("wait-stalled.log"));
    assertThat(waiting.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .contains(
            "failed: ImageNotFound: image " + SHA + " not found", "does not resolve by waiting");
  }

  @Test
  void stopsAtOnceOnAMissingSecretOrAGateThatBlocks() throws IOException {
    Map<String, String> build = new HashMap<>(BumpScript.qaPush(SHA));
    build.put("WAIT_FOR_READY", "10m");
    build.put("POLL_SECONDS", "1");
    Process secret = script.start(build, home.resolve("wait-secret.log"));
    await().until(() -> SHA.equals(tag("bookings-qa")));
    long generation = environment("bookings-qa").get().getMetadata().getGeneration();
    // An operator that writes no Stalled condition: the Ready reason alone is enough.
    setStatus(
        "bookings-qa",
        "Pending",
        List.of(condition("Ready", "False", "SecretNotFound", "Secret db not found", generation)),
        generation);
    await().atMost(Duration.ofSeconds(30)).until(() -> !secret.isAlive());
    assertThat(secret.exitValue()).isEqualTo(1);
    assertThat(Files.readString(home.resolve("wait-secret.log")))
        .contains("failed: SecretNotFound: Secret db not found");

    Map<String, String> prod = new HashMap<>(BumpScript.mergedIntoMain(SHA));
    prod.put("WAIT_FOR_READY", "10m");
    prod.put("POLL_SECONDS", "1");
    Process blocked = script.start(prod, home.resolve("wait-blocked.log"));
    await().until(() -> SHA.equals(tag("bookings-prod")));
    long prodGeneration = environment("bookings-prod").get().getMetadata().getGeneration();
    setStatus(
        "bookings-prod",
        "Blocked",
        List.of(
            condition(
                "Ready",
                "False",
                "AwaitingPromotion",
                "not Ready in bookings-qa yet",
                prodGeneration)),
        prodGeneration);
    await().atMost(Duration.ofSeconds(30)).until(() -> !blocked.isAlive());
    assertThat(blocked.exitValue()).isEqualTo(1);
    assertThat(Files.readString(home.resolve("wait-blocked.log")))
        .contains(
            "blocked by its promotion gate (AwaitingPromotion): not Ready in bookings-qa yet");
  }

  @Test
  void keepsWaitingThroughTheGateWhileItsSourceRollsOutTheSameTag() throws IOException {
    Map<String, String> qa = new HashMap<>(BumpScript.qaPush(SHA));
    assertThat(script.run(qa).exitCode()).isZero();
    long qaGeneration = environment("bookings-qa").get().getMetadata().getGeneration();
    setStatus(
        "bookings-qa",
        "Deploying",
        List.of(
            condition("Ready", "False", "Activating", "deployment v2 activating", qaGeneration),
            condition(
                "Reconciling", "True", "Activating", "deployment v2 activating", qaGeneration)),
        qaGeneration);

    Map<String, String> prod = new HashMap<>(BumpScript.mergedIntoMain(SHA));
    prod.put("WAIT_FOR_READY", "10m");
    prod.put("POLL_SECONDS", "1");
    Process waiting = script.start(prod, home.resolve("wait-gate.log"));
    await().until(() -> SHA.equals(tag("bookings-prod")));
    long generation = environment("bookings-prod").get().getMetadata().getGeneration();
    setStatus(
        "bookings-prod",
        "Blocked",
        List.of(
            condition("Ready", "False", "AwaitingPromotion", "not Ready in qa yet", generation)),
        generation);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(waiting::isAlive);

    setStatus(
        "bookings-prod",
        "Ready",
        List.of(condition("Ready", "True", "Ready", "serving", generation)),
        generation);
    await().atMost(Duration.ofSeconds(30)).until(() -> !waiting.isAlive());
    assertThat(waiting.exitValue()).as(Files.readString(home.resolve("wait-gate.log"))).isZero();
  }

  private static Map<String, Object> condition(
      String type, String status, String reason, String message, long observedGeneration) {
    return Map.of(
        "type", type,
        "status", status,
        "reason", reason,
        "message", message,
        "observedGeneration", observedGeneration);
  }

  private static void setStatus(
      String name, String phase, List<Map<String, Object>> conditions, long observedGeneration) {
    environment(name)
        .editStatus(
            e -> {
              e.setAdditionalProperty(
                  "status",
                  Map.of(
                      "phase", phase,
                      "observedGeneration", observedGeneration,
                      "conditions", conditions));
              return e;
            });
  }

  private static void setStatus(
      String name, String phase, String ready, String reason, long observedGeneration) {
    environment(name)
        .editStatus(
            e -> {
              e.setAdditionalProperty(
                  "status",
                  Map.of(
                      "phase", phase,
                      "observedGeneration", observedGeneration,
                      "conditions",
                          List.of(
                              Map.of(
                                  "type", "Ready",
                                  "status", ready,
                                  "reason", reason,
                                  "message", "test says " + reason,
                                  "observedGeneration", observedGeneration))));
              return e;
            });
  }
}
