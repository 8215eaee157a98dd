package dev.envops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.apiserver.KubeApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kubeconfig}: the story on a cluster of the user's, here a kube-apiserver of its own (a
 * fresh one: other tests install the CRD on the shared one) with a stand-in for the namespace
 * controller. The cluster must look the same after the sandbox as before it, the user's own
 * namespace and ConfigMap included. The refusal runs second: it leaves namespace {@code envops}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeconfigSandboxTest {

  private static final String CONTEXT = "envops-sandbox";

  @TempDir static Path dir;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
  private KubeApiServer usersCluster;
  private KubernetesClient admin;
  private NamespaceController namespaceController;
  private Path kubeconfig;

  @BeforeAll
  void startTheUsersClusterWithSomethingOfTheirOwn() throws Exception {
    usersCluster = KubeApiServer.start();
    admin = usersCluster.adminClient();
    namespaceController = NamespaceController.start(admin);
    kubeconfig = usersCluster.writeAdminKubeconfig(dir.resolve("users-kubeconfig"), "default");
    admin.namespaces().resource(namespace("team-a")).create();
    admin
        .configMaps()
        .inNamespace("team-a")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("owner", "team-a")
                .build())
        .create();
  }

  @AfterAll
  void stopTheUsersCluster() throws Exception {
    System.out.print(output.toString(StandardCharsets.UTF_8)); // the story's times, for the log
    if (namespaceController != null) {
      namespaceController.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (usersCluster != null) {
      usersCluster.close();
    }
  }

  @Test
  @Order(1)
  void theStoryRunsOnTheUsersClusterAndLeavesItAsItWasFound() {
    Map<String, List<String>> before = state();
    Launcher launcher = new Launcher(out, SandboxTimings.fast());
    Sandbox sandbox =
        launcher.newSandbox(
            dir.resolve("story"), work -> KubeconfigCluster.connect(kubeconfig, Optional.empty()));
    StoryResult result;
    try {
      result = launcher.startAndPlay(sandbox);

      List<Environment> environments =
          admin.resources(Environment.class).inNamespace("envops").list().getItems();
      assertThat(environments)
          .extracting(env -> env.getMetadata().getName())
          .containsExactlyInAnyOrder(ExampleManifests.QA, ExampleManifests.PROD);
      assertThat(environments)
          .allMatch(env -> env.getStatus().getPhase() == Phase.Ready, "all Ready");
      assertThat(admin.namespaces().withName("envops").get().getMetadata().getLabels())
          .containsKey(KubeconfigCluster.RUN_LABEL);
      assertThat(output.toString(StandardCharsets.UTF_8))
          .contains(
              "kubectl --kubeconfig " + kubeconfig + " --context " + CONTEXT + " -n envops get env")
          .contains("cluster " + CONTEXT + " at " + usersCluster.url());
    } finally {
      sandbox.close();
    }

    assertThat(sandbox.stoppedCleanly()).as("every part stopped, the cluster restored").isTrue();
    assertThat(result.deployRequest()).isPositive();
    assertThat(state()).as("the user's cluster after the sandbox").isEqualTo(before);
    assertThat(admin.configMaps().inNamespace("team-a").withName("settings").get().getData())
        .containsEntry("owner", "team-a");
  }

  @Test
  @Order(2)
  void anEnvopsNamespaceOfTheUsersStopsTheStartBeforeAnythingRuns() {
    admin.namespaces().resource(namespace("envops")).create();
    Map<String, List<String>> before = state();
    Set<Long> children = childProcesses();
    Sandbox sandbox =
        new Launcher(out, SandboxTimings.fast())
            .newSandbox(
                dir.resolve("refused"),
                work -> KubeconfigCluster.connect(kubeconfig, Optional.of(CONTEXT)));

    assertThatThrownBy(() -> sandbox.start(new Progress(out)))
        .hasMessageContaining(
            "the cluster " + CONTEXT + " (" + kubeconfig + ") has Namespace envops already")
        .hasMessageNotContaining("left by sandbox run")
        .hasMessageContaining("use another cluster");
    sandbox.close();

    assertThat(state()).as("the user's cluster after the refusal").isEqualTo(before);
    assertThat(childProcesses()).as("no MariaDB, no container").isEqualTo(children);
  }

  @Test
  @Order(3)
  void aContextTheKubeconfigLacksIsRefusedByName() {
    assertThatThrownBy(() -> KubeconfigCluster.connect(kubeconfig, Optional.of("kind-envops")))
        .hasMessage(kubeconfig + " has no context kind-envops (it has [" + CONTEXT + "])");
  }

  /** What the sandbox could touch, by kind: names, and resource versions where it could change. */
  private Map<String, List<String>> state() {
    Map<String, List<String>> state = new LinkedHashMap<>();
    state.put("namespaces", versions(admin.namespaces().list()));
    state.put("crds", names(admin.apiextensions().v1().customResourceDefinitions().list()));
    state.put("clusterroles", names(admin.rbac().clusterRoles().list()));
    state.put("clusterrolebindings", names(admin.rbac().clusterRoleBindings().list()));
    state.put("roles", names(admin.rbac().roles().inAnyNamespace().list()));
    state.put("rolebindings", names(admin.rbac().roleBindings().inAnyNamespace().list()));
    state.put("serviceaccounts", names(admin.serviceAccounts().inAnyNamespace().list()));
    state.put("secrets", names(admin.secrets().inAnyNamespace().list()));
    state.put("configmaps", versions(admin.configMaps().inAnyNamespace().list()));
    state.put("events", names(admin.v1().events().inAnyNamespace().list()));
    return state;
  }

  private static List<String> names(KubernetesResourceList<? extends HasMetadata> list) {
    return list.getItems().stream().map(KubeconfigSandboxTest::name).sorted().toList();
  }

  private static List<String> versions(KubernetesResourceList<? extends HasMetadata> list) {
    return list.getItems().stream()
        .map(item -> name(item) + "@" + item.getMetadata().getResourceVersion())
        .sorted()
        .toList();
  }

  private static String name(HasMetadata item) {
    String namespace = item.getMetadata().getNamespace();
    return (namespace == null ? "" : namespace + "/") + item.getMetadata().getName();
  }

  private static Set<Long> childProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }
}
