package dev.envops.operator;

import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.HealthCheckSpec;
import dev.envops.operator.environment.ImageSpec;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.environment.PromotionSpec;
import dev.envops.operator.environment.SecretEnvVar;
import dev.envops.operator.environment.SecretKeyRef;
import dev.envops.operator.environment.SecretRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds test Environments shaped like the bookings examples. */
public final class Environments {

  private Environments() {}

  /** An Environment deploying {@code repository:tag} to service {@code name}-service. */
  public static Environment bookings(String name, String repository, String tag) {
    Environment env = new Environment();
    env.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(OperatorHarness.NAMESPACE).build());
    EnvironmentSpec spec = new EnvironmentSpec();
    spec.setGitRef("main");
    ImageSpec image = new ImageSpec();
    image.setRepository(repository);
    image.setTag(tag);
    spec.setImage(image);
    LightsailSpec ls = new LightsailSpec();
    ls.setRegion("us-east-1");
    ls.setServiceName(name + "-service");
    ls.setContainerName(name);
    ls.setContainerPort(80);
    HealthCheckSpec health = new HealthCheckSpec();
    health.setPath("/");
    ls.setHealthCheck(health);
    ls.setScale(1);
    ls.setEnv(Map.of("LISTEN", "0.0.0.0:80"));
    spec.setLightsail(ls);
    env.setSpec(spec);
    return env;
  }

  /**
   * Promotes {@code dev} into {@code main} of the harness's PlanetScale database before rollouts.
   */
  public static Environment withSchemaPromotion(Environment env) {
    DatabaseSpec db = new DatabaseSpec();
    db.setOrganization(OperatorHarness.PS_ORG);
    db.setName(OperatorHarness.PS_DATABASE);
    db.setBranch("main");
    db.setPromoteFrom("dev");
    SecretRef token = new SecretRef();
    token.setName(OperatorHarness.PS_TOKEN_SECRET);
    db.setServiceTokenSecretRef(token);
    env.getSpec().setDatabase(db);
    return env;
  }

  /** Gates {@code env} on {@code source}: it rolls out only images Ready there first. */
  public static Environment requiringReadyIn(Environment env, String source) {
    PromotionSpec promotion = new PromotionSpec();
    promotion.setRequireReadyIn(source);
    env.getSpec().setPromotion(promotion);
    return env;
  }

  /** Adds an envFrom entry reading {@code key} of Secret {@code secret} into {@code var}. */
  public static Environment withSecretEnv(Environment env, String var, String secret, String key) {
    List<SecretEnvVar> envFrom =
        env.getSpec().getLightsail().getEnvFrom() == null
            ? new ArrayList<>()
            : new ArrayList<>(env.getSpec().getLightsail().getEnvFrom());
    envFrom.add(new SecretEnvVar(var, new SecretKeyRef(secret, key)));
    env.getSpec().getLightsail().setEnvFrom(envFrom);
    return env;
  }
}
