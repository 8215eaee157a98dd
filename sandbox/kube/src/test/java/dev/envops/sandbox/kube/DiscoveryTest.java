package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery documents in the shapes client-go decodes, built from an installed CRD. */
class DiscoveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static SandboxKubernetesApi api;

  @BeforeAll
  static void start() throws URISyntaxException {
    api = SandboxKubernetesApi.start();
    api.installCrd(Path.of(DiscoveryTest.class.getResource("/widgets-crd.yaml").toURI()));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void versionAndCoreGroup() throws Exception {
    assertThat(get("/version").get("minor").asText()).isEqualTo(Discovery.KUBERNETES_MINOR);
    assertThat(get("/api").get("kind").asText()).isEqualTo("APIVersions");
    JsonNode core = get("/api/v1?timeout=32s");
    assertThat(core.get("kind").asText()).isEqualTo("APIResourceList");
    assertThat(core.get("groupVersion").asText()).isEqualTo("v1");
    assertThat(core.get("resources").findValuesAsText("name"))
        .contains("namespaces", "secrets", "configmaps", "events");
  }

  @Test
  void installedCrdGroupIsListedWithItsResourcesAndStatusSubresource() throws Exception {
    JsonNode groups = get("/apis");
    assertThat(groups.get("kind").asText()).isEqualTo("APIGroupList");
    assertThat(groups.get("groups").findValuesAsText("name"))
        .contains("test.envops.dev", "apiextensions.k8s.io", "coordination.k8s.io");

    JsonNode group = get("/apis/test.envops.dev");
    assertThat(group.get("preferredVersion").get("groupVersion").asText())
        .isEqualTo("test.envops.dev/v1alpha1");

    JsonNode resources = get("/apis/test.envops.dev/v1alpha1");
    assertThat(resources.get("groupVersion").asText()).isEqualTo("test.envops.dev/v1alpha1");
    JsonNode widgets = resources.get("resources").get(0);
    assertThat(widgets.get("name").asText()).isEqualTo("widgets");
    assertThat(widgets.get("singularName").asText()).isEqualTo("widget");
    assertThat(widgets.get("namespaced").asBoolean()).isTrue();
    assertThat(widgets.get("kind").asText()).isEqualTo("Widget");
    assertThat(widgets.get("shortNames").toString()).isEqualTo("[\"wdg\"]");
    assertThat(widgets.get("verbs").toString()).contains("\"watch\"", "\"patch\"");
    assertThat(resources.get("resources").get(1).get("name").asText()).isEqualTo("widgets/status");
  }

  @Test
  void installedCrdIsEstablished() {
    var crd =
        api.client()
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("widgets.test.envops.dev")
            .get();
    assertThat(crd.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Established");
              assertThat(c.getStatus()).isEqualTo("True");
            });
  }
}
