package dev.envops.operator.lightsail;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.lightsail.model.Container;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeployment;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceECRImagePullerRole;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceEndpoint;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceHealthCheckConfig;
import software.amazon.awssdk.services.lightsail.model.EndpointRequest;
import software.amazon.awssdk.services.lightsail.model.Tag;

/** Translates between the AWS SDK's Lightsail model and the operator's records. */
final class LightsailRecords {

  private LightsailRecords() {}

  static ServiceState service(ContainerService s) {
    ContainerServiceECRImagePullerRole puller =
        s.privateRegistryAccess() == null ? null : s.privateRegistryAccess().ecrImagePullerRole();
    Map<String, String> tags = new LinkedHashMap<>();
    if (s.tags() != null) {
      // The first of a key wins, as a search of the tag list would find it.
      s.tags().forEach(t -> tags.putIfAbsent(t.key(), t.value()));
    }
    return new ServiceState(
        s.containerServiceName(),
        s.stateAsString(),
        s.powerAsString(),
        s.scale(),
        Boolean.TRUE.equals(s.isDisabled()),
        puller != null && Boolean.TRUE.equals(puller.isActive()),
        puller == null ? null : puller.principalArn(),
        s.url(),
        tags,
        deployment(s.currentDeployment()),
        deployment(s.nextDeployment()));
  }

  static DeploymentRecord deployment(ContainerServiceDeployment d) {
    if (d == null) {
      return null;
    }
    Map<String, DeploymentRecord.Container> containers = new LinkedHashMap<>();
    if (d.containers() != null) {
      d.containers()
          .forEach(
              (name, c) ->
                  containers.put(
                      name,
                      new DeploymentRecord.Container(
                          c.image(), c.environment(), c.portsAsStrings(), c.command())));
    }
    ContainerServiceEndpoint e = d.publicEndpoint();
    return new DeploymentRecord(
        d.version() == null ? 0 : d.version(),
        d.stateAsString(),
        containers,
        e == null
            ? null
            : new DeploymentRecord.Endpoint(
                e.containerName(), e.containerPort(), healthCheck(e.healthCheck())));
  }

  private static HealthCheck healthCheck(ContainerServiceHealthCheckConfig h) {
    return h == null
        ? null
        : new HealthCheck(
            h.path(),
            h.intervalSeconds(),
            h.timeoutSeconds(),
            h.healthyThreshold(),
            h.unhealthyThreshold(),
            h.successCodes());
  }

  /** The containers map of CreateContainerServiceDeployment. */
  static Map<String, Container> containers(DesiredDeployment desired) {
    return Map.of(
        desired.containerName(),
        Container.builder()
            .image(desired.image())
            .environment(desired.environment())
            .portsWithStrings(desired.ports())
            .build());
  }

  /** The publicEndpoint of CreateContainerServiceDeployment. */
  static EndpointRequest publicEndpoint(DesiredDeployment desired) {
    return EndpointRequest.builder()
        .containerName(desired.containerName())
        .containerPort(desired.containerPort())
        .healthCheck(healthCheckConfig(desired.healthCheck()))
        .build();
  }

  static ContainerServiceHealthCheckConfig healthCheckConfig(HealthCheck h) {
    return ContainerServiceHealthCheckConfig.builder()
        .path(h.path())
        .intervalSeconds(h.intervalSeconds())
        .timeoutSeconds(h.timeoutSeconds())
        .healthyThreshold(h.healthyThreshold())
        .unhealthyThreshold(h.unhealthyThreshold())
        .successCodes(h.successCodes())
        .build();
  }

  static Tag tag(Map.Entry<String, String> e) {
    return Tag.builder().key(e.getKey()).value(e.getValue()).build();
  }
}
