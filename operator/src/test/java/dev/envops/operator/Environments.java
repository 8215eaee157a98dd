package dev.envops.operator;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.HealthCheckSpec;
import dev.envops.operator.environment.ImageSpec;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.environment.SecretEnvVar;
import dev.envops.operator.environment.SecretKeyRef;
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
