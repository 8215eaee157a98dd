package dev.envops.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiPathTest {

  @Test
  void parsesNamespacedClusterScopedAndSubresourcePaths() {
    assertThat(
            ApiPath.parse("/apis/envops.dev/v1alpha1/namespaces/qa/environments/bookings/status"))
        .contains(
            new ApiPath("envops.dev", "v1alpha1", "qa", "environments", "bookings", "status"));
    assertThat(ApiPath.parse("/api/v1/namespaces/default/configmaps"))
        .contains(new ApiPath("", "v1", "default", "configmaps", null, null));
    assertThat(ApiPath.parse("/api/v1/namespaces/qa"))
        .contains(new ApiPath("", "v1", null, "namespaces", "qa", null));
    assertThat(ApiPath.parse("/api/v1/namespaces/qa/finalize"))
        .contains(new ApiPath("", "v1", null, "namespaces", "qa", "finalize"));
    assertThat(ApiPath.parse("/apis/envops.dev/v1alpha1/environments"))
        .contains(new ApiPath("envops.dev", "v1alpha1", null, "environments", null, null));
  }

  @Test
  void discoveryPathsAreNotResourcePaths() {
    assertThat(ApiPath.parse("/api/v1")).isEmpty();
    assertThat(ApiPath.parse("/apis/envops.dev/v1alpha1")).isEmpty();
    assertThat(ApiPath.parse("/version")).isEmpty();
  }

  @Test
  void collectionPathDropsTheName() {
    assertThat(
            ApiPath.parse("/apis/envops.dev/v1alpha1/namespaces/qa/environments/x")
                .orElseThrow()
                .collectionPath())
        .isEqualTo("/apis/envops.dev/v1alpha1/namespaces/qa/environments");
  }
}
