package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The real kubectl against the sandbox: the commands the README and CI use. */
class KubectlAgainstSandboxTest {

  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("test.envops.dev")
          .withVersion("v1alpha1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  @TempDir static Path home;

  private static SandboxKubernetesApi api;
  private static Kubectl kubectl;

  @BeforeAll
  static void startSandboxAndApplyCrd() throws URISyntaxException {
    Kubectl.assumeInstalled();
    api = SandboxKubernetesApi.start();
    kubectl = new Kubectl(api.writeKubeconfig(home.resolve("kubeconfig")), home);
    kubectl.run("apply", "--validate=false", "-f", resource("widgets-crd.yaml")).succeeded();
  }

  @AfterAll
  static void stopSandbox() {
    if (api != null) {
      api.close();
    }
  }

  static String resource(String name) throws URISyntaxException {
    return Path.of(KubectlAgainstSandboxTest.class.getResource("/" + name).toURI()).toString();
  }

  private static Resource<GenericKubernetesResource> widget(String name) {
    return api.client().genericKubernetesResources(WIDGETS).inNamespace("default").withName(name);
  }

  private static void applyWidget(String name, String tag) {
    String manifest =
        """
        apiVersion: test.envops.dev/v1alpha1
        kind: Widget
        metadata:
          name: %s
        spec:
          image: {repository: example/bookings-api, tag: %s}
          replicas: 2
        """
            .formatted(name, tag);
    kubectl.runWithInput(manifest, "apply", "--validate=false", "-f", "-").succeeded();
  }

  private static void setReady(String name, String phase, String ready) {
    widget(name)
        .editStatus(
            w -> {
              w.setAdditionalProperty(
                  "status",
                  Map.of(
                      "phase",
                      phase,
                      "conditions",
                      List.of(Map.of("type", "Ready", "status", ready))));
              return w;
            });
  }

  @Test
  void appliedCrdIsDiscoverableByPluralAndShortNameAndEstablished() {
    String resources =
        kubectl.run("api-resources", "--api-group=test.envops.dev").succeeded().stdout();
    assertThat(resources)
        .containsPattern("widgets\\s+wdg\\s+test.envops.dev/v1alpha1\\s+true\\s+Widget");

    kubectl
        .run("wait", "--for=condition=Established", "crd/widgets.test.envops.dev", "--timeout=10s")
        .succeeded();
  }

  @Test
  void getShowsPrinterColumnsForPluralAndShortName() {
    applyWidget("columns", "9f1c2ab");
    setReady("columns", "Ready", "True");

    for (String resource : List.of("widgets", "wdg")) {
      String table = kubectl.run("get", resource, "columns").succeeded().stdout();
      List<String> lines = table.lines().toList();
      assertThat(lines.get(0).split("\\s+"))
          .containsExactly("NAME", "PHASE", "TAG", "REPLICAS", "READY", "AGE");
      assertThat(lines.get(1).split("\\s+")).startsWith("columns", "Ready", "9f1c2ab", "2", "True");
    }
  }

  @Test
  void getAsYamlReturnsTheStoredObject() {
    applyWidget("yaml", "1111111");

    Map<String, Object> object =
        new Yaml().load(kubectl.run("get", "widget", "yaml", "-o", "yaml").succeeded().stdout());

    assertThat(object).containsEntry("kind", "Widget");
    assertThat(object.get("spec").toString()).contains("tag=1111111");
    assertThat(object.get("metadata").toString()).contains("creationTimestamp", "resourceVersion");
  }

  @Test
  void mergePatchChangesTheSpecAndReapplyIsAccepted() {
    applyWidget("patched", "aaaaaaa");

    kubectl
        .run(
            "patch",
            "wdg",
            "patched",
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"image\":{\"tag\":\"bbbbbbb\"}}}")
        .succeeded();

    assertThat(widget("patched").get().get("spec", "image", "tag").toString()).isEqualTo("bbbbbbb");
    applyWidget("patched", "ccccccc");
    assertThat(widget("patched").get().get("spec", "image", "tag").toString()).isEqualTo("ccccccc");
  }

  @Test
  void statusPatchThroughTheSubresourceChangesOnlyStatus() {
    applyWidget("status", "aaaaaaa");

    kubectl
        .run(
            "patch",
            "wdg",
            "status",
            "--subresource=status",
            "--type",
            "merge",
            "-p",
            "{\"status\":{\"phase\":\"Deploying\"},\"spec\":{\"replicas\":9}}")
        .succeeded();

    GenericKubernetesResource stored = widget("status").get();
    assertThat(stored.get("status", "phase").toString()).isEqualTo("Deploying");
    assertThat(stored.get("spec", "replicas").toString()).isEqualTo("2");
  }

  @Test
  void waitForReadyBlocksUntilTheStatusSaysSo() throws IOException, InterruptedException {
    applyWidget("waiting", "aaaaaaa");
    setReady("waiting", "Deploying", "False");
    Kubectl.Result notYet =
        kubectl.run("wait", "--for=condition=Ready", "wdg/waiting", "--timeout=1s");
    assertThat(notYet.exitCode()).isNotZero();
    assertThat(notYet.stderr()).contains("timed out");

    Process waiting =
        kubectl.startTo(
            home.resolve("wait.out"),
            "wait",
            "--for=condition=Ready",
            "wdg/waiting",
            "--timeout=30s");
    setReady("waiting", "Ready", "True");

    await().atMost(Duration.ofSeconds(30)).until(() -> !waiting.isAlive());
    assertThat(waiting.exitValue()).isZero();
    assertThat(Files.readString(home.resolve("wait.out"))).contains("condition met");
  }

  @Test
  void getWatchPrintsEveryChangeWithPrinterColumns() throws IOException {
    applyWidget("watched", "aaaaaaa");
    Path out = home.resolve("watch.out");
    Process watch = kubectl.startTo(out, "get", "wdg", "watched", "-w");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("aaaaaaa"));

      kubectl
          .run(
              "patch",
              "wdg",
              "watched",
              "--type",
              "merge",
              "-p",
              "{\"spec\":{\"image\":{\"tag\":\"ddddddd\"}}}")
          .succeeded();

      await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("ddddddd"));
      List<String> lines = Files.readString(out).lines().toList();
      assertThat(lines.get(0)).startsWith("NAME").contains("TAG");
      assertThat(lines).filteredOn(line -> line.startsWith("watched")).hasSize(2);
    } finally {
      watch.destroy();
    }
  }

  @Test
  void deleteRemovesTheObjectAndGetReportsNotFound() {
    applyWidget("doomed", "aaaaaaa");

    kubectl.run("delete", "wdg", "doomed").succeeded();

    assertThat(widget("doomed").get()).isNull();
    Kubectl.Result missing = kubectl.run("get", "wdg", "doomed");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr())
        .contains("Error from server (NotFound): widgets.test.envops.dev \"doomed\" not found");
  }

  @Test
  void serverSideApplyCreatesThenUpdates() {
    String manifest =
        """
        apiVersion: test.envops.dev/v1alpha1
        kind: Widget
        metadata: {name: ssa}
        spec: {image: {tag: %s}}
        """;
    kubectl
        .runWithInput(
            manifest.formatted("eeeeeee"), "apply", "--server-side", "--validate=false", "-f", "-")
        .succeeded();
    kubectl
        .runWithInput(
            manifest.formatted("fffffff"), "apply", "--server-side", "--validate=false", "-f", "-")
        .succeeded();

    assertThat(widget("ssa").get().get("spec", "image", "tag").toString()).isEqualTo("fffffff");
  }

  @Test
  void builtInKindsCanBeAppliedAndReappliedWithStrategicMerge() {
    String configMap =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: %s}\n";
    kubectl
        .runWithInput(configMap.formatted("one"), "apply", "--validate=false", "-f", "-")
        .succeeded();
    kubectl
        .runWithInput(configMap.formatted("two"), "apply", "--validate=false", "-f", "-")
        .succeeded();

    assertThat(
            api.client().configMaps().inNamespace("default").withName("settings").get().getData())
        .containsEntry("a", "two");
  }

  private static void recordEvent(String widget, String reason) {
    GenericKubernetesResource owner = widget(widget).get();
    api.client()
        .v1()
        .events()
        .inNamespace("default")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(widget + "." + reason.toLowerCase())
                .endMetadata()
                .withInvolvedObject(
                    new ObjectReferenceBuilder()
                        .withApiVersion(owner.getApiVersion())
                        .withKind(owner.getKind())
                        .withName(widget)
                        .withNamespace("default")
                        .withUid(owner.getMetadata().getUid())
                        .build())
                .withType("Normal")
                .withReason(reason)
                .withMessage(reason + " happened to " + widget)
                .withLastTimestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .build())
        .create();
  }

  @Test
  void eventsHaveColumnsAndDescribeShowsOnlyTheObjectsOwnEvents() {
    applyWidget("described", "aaaaaaa");
    applyWidget("neighbour", "aaaaaaa");
    recordEvent("described", "DeploymentCreated");
    recordEvent("neighbour", "DeploymentFailed");

    String events =
        kubectl
            .run("get", "events", "--field-selector", "involvedObject.name=described")
            .succeeded()
            .stdout();
    String description = kubectl.run("describe", "wdg", "described").succeeded().stdout();

    assertThat(events.lines().findFirst().orElseThrow())
        .contains("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
    assertThat(events).contains("DeploymentCreated").doesNotContain("DeploymentFailed");
    assertThat(description)
        .contains("DeploymentCreated happened to described")
        .doesNotContain("DeploymentFailed");
  }

  @Test
  void imperativeCreateOfBuiltInKindsIsRefusedWithAClearMessage() {
    Kubectl.Result result = kubectl.run("create", "configmap", "imperative", "--from-literal=a=b");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("accepts JSON bodies only");
  }
}
