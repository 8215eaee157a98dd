package dev.envops.operator.lightsail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process knows of each service's FAILED deployments: those of its last deployments list
 * and every revision it deployed since. A service it has not listed yet (after a start or a lost
 * answer) may hold any; a FAILED deployment made by someone else after the list is not seen until
 * the next list (documented in docs/operator.md).
 */
final class FailedDeployments {

  private record Known(List<DeploymentRecord> failed, Set<String> deployedSince) {}

  private final Map<String, Known> services = new ConcurrentHashMap<>();

  /** True unless the service's list is known and holds no FAILED {@code desired}. */
  boolean mayHold(String service, DesiredDeployment desired) {
    Known known = services.get(service);
    return known == null
        || known.deployedSince().contains(desired.hash())
        || known.failed().stream().anyMatch(desired::matches);
  }

  void listed(String service, List<DeploymentRecord> all) {
    List<DeploymentRecord> failed = all.stream().filter(DeploymentRecord::failed).toList();
    services.put(service, new Known(failed, ConcurrentHashMap.newKeySet()));
  }

  void attempting(String service, DesiredDeployment desired) {
    Known known = services.get(service);
    if (known != null) {
      known.deployedSince().add(desired.hash());
    }
  }

  void forget(String service) {
    services.remove(service);
  }
}
