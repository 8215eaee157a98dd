package dev.envops.operator.lightsail;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lightsail.model.ContainerService;
import software.amazon.awssdk.services.lightsail.model.ContainerServiceDeployment;

/**
 * The container services of one account as the steps use them: read (at rest or fresh), written
 * (create, update, deploy, delete), and the last FAILED attempt of a revision. Still speaks the AWS
 * SDK's Lightsail model types ({@link ContainerService}, {@link ContainerServiceDeployment}).
 */
public interface ContainerServicePort {

  /** What is known of a service, and whether it came from the shared view at rest. */
  record Observation(Optional<ContainerService> service, boolean steady) {}

  /**
   * The newest deployment of a revision, FAILED, and how many deployments of that revision FAILED
   * since the serving one (it included).
   */
  record FailedAttempt(ContainerServiceDeployment deployment, int failures) {}

  /**
   * The service as the region's shared view has it: good enough to find a service at rest; anything
   * that leads to a write or a wait must {@link #current} first.
   */
  Observation steady(String region, String name);

  /** The service read after this operator's last write to it and at most the poll interval ago. */
  Observation current(String region, String name);

  /** Creates the service with ECR pull access on. */
  ContainerService create(
      String region, String name, String power, int scale, Map<String, String> tags);

  /** Sets power, scale and ECR pull access of an existing service. */
  ContainerService update(String region, String name, String power, int scale);

  /**
   * Creates a deployment; the answer's nextDeployment is the new, activating one.
   *
   * @throws DeploymentRejected when Lightsail refuses the request as invalid
   */
  ContainerService deploy(String region, String name, DesiredDeployment desired);

  /** Deletes the service; true when it existed. */
  boolean delete(String region, String name);

  /**
   * The newest deployment of exactly {@code desired} when it FAILED, newer than version {@code
   * servingVersion}.
   */
  Optional<FailedAttempt> failedAttempt(
      String region, String name, DesiredDeployment desired, int servingVersion);
}
