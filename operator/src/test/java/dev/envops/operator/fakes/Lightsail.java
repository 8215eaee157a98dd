package dev.envops.operator.fakes;

import dev.envops.operator.lightsail.DesiredDeployment;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeployment;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeploymentState;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceECRImagePullerRole;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceEndpoint;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceState;
import software.amazon.awssdk.services.lightsail.model.PrivateRegistryAccess;

/** Builds the Lightsail SDK model values the fakes hand out (plain values, no client). */
public final class Lightsail {

  /** The principal a settled service's ECR image puller role has in these tests. */
  public static final String PRINCIPAL = "arn:aws:iam::123456789012:role/amazon/lightsail/puller";

  private Lightsail() {}

  /** A deployment of {@code desired}, as Lightsail echoes it back. */
  public static ContainerServiceDeployment deployment(
      int version, ContainerServiceDeploymentState state, DesiredDeployment desired) {
    return ContainerServiceDeployment.builder()
        .version(version)
        .state(state)
        .containers(desired.containers())
        .publicEndpoint(
            ContainerServiceEndpoint.builder()
                .containerName(desired.containerName())
                .containerPort(desired.containerPort())
                .healthCheck(desired.healthCheck())
                .build())
        .build();
  }

  /**
   * A service in {@code state} with power nano x1, its puller role active with {@code principal}.
   */
  public static ContainerService.Builder service(
      String name, ContainerServiceState state, String principal) {
    return ContainerService.builder()
        .containerServiceName(name)
        .state(state)
        .power("nano")
        .scale(1)
        .isDisabled(false)
        .url("https://" + name + ".example.amazonlightsail.com/")
        .privateRegistryAccess(
            PrivateRegistryAccess.builder()
                .ecrImagePullerRole(
                    ContainerServiceECRImagePullerRole.builder()
                        .isActive(true)
                        .principalArn(principal)
                        .build())
                .build());
  }

  /** A READY service with the usual principal and no deployment. */
  public static ContainerService.Builder ready(String name) {
    return service(name, ContainerServiceState.READY, PRINCIPAL);
  }
}
