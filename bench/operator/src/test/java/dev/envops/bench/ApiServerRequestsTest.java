package dev.envops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiServerRequestsTest {

  private static final String BEFORE =
      """
      # HELP apiserver_request_total [STABLE] Counter of apiserver requests
      apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="events",scope="resource",subresource="",verb="POST",version="v1"} 100
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="envops.dev",resource="environments",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 40
      apiserver_request_total{code="409",component="apiserver",dry_run="",group="envops.dev",resource="environments",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 2
      apiserver_request_duration_seconds_count{verb="POST"} 7
      """;

  private static final String AFTER =
      """
      apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="events",scope="resource",subresource="",verb="POST",version="v1"} 130
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="envops.dev",resource="environments",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 58
      apiserver_request_total{code="409",component="apiserver",dry_run="",group="envops.dev",resource="environments",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 4
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="leases",scope="resource",subresource="",verb="PUT",version="v1"} 1
      """;

  @Test
  void countsRequestsByVerbAndResourceAcrossCodesPerRollout() {
    ApiServerRequests diff = ApiServerRequests.parse(AFTER).since(ApiServerRequests.parse(BEFORE));

    assertThat(diff.counts())
        .containsEntry("POST events", 30.0)
        .containsEntry("PATCH environments/status", 20.0)
        .containsEntry("PUT leases", 1.0)
        .hasSize(3);
    // Per 10 rollouts: the lease renewal is under 0.01 per rollout only from 100 rollouts on.
    assertThat(diff.per(10))
        .isEqualTo("POST events 3.00, PATCH environments/status 2.00, PUT leases 0.10");
    assertThat(diff.per(1000)).isEqualTo("POST events 0.03, PATCH environments/status 0.02");
  }
}
