package dev.envops.bench;

import dev.envops.sandbox.lightsail.ContainerServiceSnapshot;
import dev.envops.sandbox.lightsail.DeploymentSnapshot;
import dev.envops.sandbox.planetscale.DeployRequestView;
import java.util.HashMap;
import java.util.Map;

/**
 * Cloud actions taken twice: a second Lightsail deployment of the same image on one service (every
 * round pushes a new tag per Environment, so each image is deployed once) and a second deploy
 * request for one revision (the operator marks each with {@code envops revision <digest>}).
 */
record Duplicates(int deployments, int deployRequests, int totalDeployments, int totalRequests) {

  static Duplicates count(BenchWorld world) {
    int duplicateDeployments = 0;
    int deployments = 0;
    for (ContainerServiceSnapshot service : world.aws().lightsail().services()) {
      Map<String, Integer> byImage = new HashMap<>();
      for (DeploymentSnapshot d : service.deployments()) {
        deployments++;
        String image = d.servingContainer().map(c -> c.image()).orElse("?");
        if (byImage.merge(image, 1, Integer::sum) > 1) {
          duplicateDeployments++;
        }
      }
    }
    int duplicateRequests = 0;
    int requests = 0;
    Map<String, Integer> byRevision = new HashMap<>();
    for (DeployRequestView request : world.deployRequests()) {
      requests++;
      if (byRevision.merge(request.notes(), 1, Integer::sum) > 1) {
        duplicateRequests++;
      }
    }
    return new Duplicates(duplicateDeployments, duplicateRequests, deployments, requests);
  }

  @Override
  public String toString() {
    return String.format(
        "duplicate deployments %d (of %d), duplicate deploy requests %d (of %d)",
        deployments, totalDeployments, deployRequests, totalRequests);
  }
}
