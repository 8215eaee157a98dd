package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envops.operator.environment.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceClaimsTest {

  private final ServiceClaims claims = new ServiceClaims(Map.of());

  @Test
  void theFirstCreatedValidOneHoldsTheServiceWhateverTheOrder() {
    Environment env = named("qa", "2026-01-03T00:00:00Z");
    Environment invalid = named("oldest", "2026-01-01T00:00:00Z");
    invalid.getSpec().getLightsail().setScale(0);
    Environment older = named("older", "2026-01-02T00:00:00Z");
    Environment elsewhere = named("elsewhere", "2025-01-01T00:00:00Z");
    elsewhere.getSpec().getLightsail().setServiceName("another-service");
    Environment newer = named("newer", "2026-01-04T00:00:00Z");

    assertThat(claims.holder(env, List.of(env, invalid, older, elsewhere, newer))).contains(older);
    assertThat(claims.holder(env, List.of(newer, older, elsewhere, invalid, env))).contains(older);

    invalid.getSpec().getLightsail().setScale(1);
    assertThat(claims.holder(env, List.of(older, invalid, env))).contains(invalid);
    assertThat(claims.holder(older, List.of(older, env, newer))).isEmpty();
  }

  @Test
  void theSameSecondIsSettledByNamespaceAndName() {
    Environment b = named("b", "2026-01-01T00:00:00Z");
    Environment a = named("a", "2026-01-01T00:00:00Z");

    assertThat(claims.holder(b, List.of(b, a))).contains(a);
    assertThat(claims.holder(a, List.of(b, a))).isEmpty();
  }

  private static Environment named(String name, String created) {
    Environment env = StepFixtures.env();
    env.getMetadata().setName(name);
    env.getMetadata().setCreationTimestamp(created);
    env.getSpec().getLightsail().setServiceName("qa-service");
    return env;
  }
}
