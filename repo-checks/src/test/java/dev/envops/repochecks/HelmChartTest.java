package dev.envops.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * charts/envops renders ({@code helm template}) exactly the objects {@code kubectl kustomize
 * operator/k8s} does with its defaults, and the monitoring objects when they are enabled; its CRD
 * is the checked-in one; values reach the Deployment.
 */
class HelmChartTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = Path.of("..");
  private static final Path CHART = ROOT.resolve("charts/envops");

  @TempDir Path dir;

  @Test
  void defaultsRenderWhatKustomizeRenders() throws Exception {
    Map<String, JsonNode> helm =
        throughKustomize(
            run(
                "helm",
                "template",
                "envops",
                CHART.toString(),
                "--namespace",
                "envops-system",
                "--include-crds"));
    Map<String, JsonNode> kustomize =
        objects(run("kubectl", "kustomize", ROOT.resolve("operator/k8s").toString()));
    assertThat(helm.keySet()).containsExactlyElementsOf(kustomize.keySet());
    kustomize.forEach((key, obj) -> assertThat(helm.get(key)).as(key).isEqualTo(obj));
  }

  @Test
  void monitoringRendersWhatTheMonitoringKustomizationRenders() throws Exception {
    Map<String, JsonNode> helm =
        throughKustomize(
            run(
                "helm",
                "template",
                "envops",
                CHART.toString(),
                "--namespace",
                "envops-system",
                "--set",
                "metrics.serviceMonitor.enabled=true",
                "--set",
                "metrics.prometheusRule.enabled=true",
                "--show-only",
                "templates/servicemonitor.yaml",
                "--show-only",
                "templates/prometheusrule.yaml"));
    Map<String, JsonNode> kustomize =
        objects(run("kubectl", "kustomize", ROOT.resolve("operator/k8s/monitoring").toString()));
    assertThat(helm).isEqualTo(kustomize);
  }

  @Test
  void theChartCarriesTheCheckedInCrd() throws IOException {
    String file = "environments.envops.dev-v1.yml";
    assertThat(Files.readString(CHART.resolve("crds").resolve(file)))
        .as("charts/envops/crds/%s differs from crds/%s: copy it", file, file)
        .isEqualTo(Files.readString(ROOT.resolve("crds").resolve(file)));
  }

  @Test
  void valuesReachTheDeployment() throws Exception {
    Map<String, JsonNode> helm =
        objects(
            run(
                "helm",
                "template",
                "envops",
                CHART.toString(),
                "--namespace",
                "ops",
                "--set",
                "namespace.create=false",
                "--set",
                "createWatchNamespaces=false",
                "--set",
                "image.repository=registry/envops",
                "--set",
                "image.tag=1.2.3",
                "--set",
                "replicas=1",
                "--set",
                "leaderElection.enabled=false",
                "--set",
                "watchNamespaces={envops,staging}",
                "--set",
                "metrics.port=9090",
                "--set",
                "resources.limits.memory=512Mi"));
    assertThat(helm.keySet()).noneMatch(k -> k.startsWith("Namespace/"));
    JsonNode deployment = helm.get("Deployment/ops/envops-operator");
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo("registry/envops:1.2.3");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(env(container, "ENVOPS_NAMESPACES")).isEqualTo("envops,staging");
    assertThat(env(container, "ENVOPS_LEADER_ELECTION")).isEqualTo("false");
    assertThat(env(container, "ENVOPS_METRICS_PORT")).isEqualTo("9090");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9090);
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
    assertThat(helm.get("Service/ops/envops-operator").at("/spec/ports/0/port").asInt())
        .isEqualTo(9090);
    assertThat(
            helm.get("ClusterRoleBinding/-/envops-operator").at("/subjects/0/namespace").asText())
        .isEqualTo("ops");
    // Secrets only where Environments are watched.
    assertThat(helm.keySet())
        .contains(
            "RoleBinding/envops/envops-operator-secrets",
            "RoleBinding/staging/envops-operator-secrets")
        .doesNotContain("ClusterRoleBinding/-/envops-operator-secrets");
    assertThat(helm.get("ClusterRole/-/envops-operator").toString()).doesNotContain("secrets");
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e.path("value").asText();
      }
    }
    return null;
  }

  /**
   * Helm's output re-emitted by kustomize, so that both sides went through the same YAML writer
   * (the comparison is of objects, but scalars are then spelled alike for the YAML parser).
   */
  private Map<String, JsonNode> throughKustomize(String rendered) throws Exception {
    Files.writeString(dir.resolve("helm.yaml"), rendered);
    Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - helm.yaml\n");
    return objects(run("kubectl", "kustomize", dir.toString()));
  }

  /** kind/namespace/name → object, of a multi-document YAML stream. */
  private static Map<String, JsonNode> objects(String yaml) throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var docs = YAML.readValues(parser, JsonNode.class);
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        String ns = doc.at("/metadata/namespace").asText("-");
        out.put(
            doc.path("kind").asText()
                + "/"
                + (ns.isEmpty() ? "-" : ns)
                + "/"
                + doc.at("/metadata/name").asText(),
            doc);
      }
    }
    return out;
  }

  private static String run(String... command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          command[0] + " not found: run scripts/install-prereqs (kubectl and helm)", e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", List.of(command))).isZero();
    return out;
  }
}
