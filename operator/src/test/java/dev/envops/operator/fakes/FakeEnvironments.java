package dev.envops.operator.fakes;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.reconcile.EnvironmentLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Environments in a map, as the informer cache would hold them. */
public final class FakeEnvironments implements EnvironmentLookup {

  private final Map<String, Environment> environments = new LinkedHashMap<>();

  /** Stores (or replaces) {@code env}. */
  public FakeEnvironments put(Environment env) {
    environments.put(env.getMetadata().getNamespace() + "/" + env.getMetadata().getName(), env);
    return this;
  }

  @Override
  public Optional<Environment> get(String namespace, String name) {
    return Optional.ofNullable(environments.get(namespace + "/" + name));
  }

  /** Those naming the same region and service name, {@code env} included. */
  @Override
  public List<Environment> namingTheServiceOf(Environment env) {
    var ls = env.getSpec().getLightsail();
    List<Environment> all = new ArrayList<>(List.of(env));
    environments.values().stream()
        .filter(e -> e != env)
        .filter(e -> e.getSpec() != null && e.getSpec().getLightsail() != null)
        .filter(
            e ->
                Objects.equals(e.getSpec().getLightsail().getServiceName(), ls.getServiceName())
                    && Objects.equals(e.getSpec().getLightsail().getRegion(), ls.getRegion()))
        .forEach(all::add);
    return all;
  }
}
