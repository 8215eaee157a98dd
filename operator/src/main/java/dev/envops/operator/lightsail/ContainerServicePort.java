package dev.envops.operator.lightsail;

import java.util.Map;
import java.util.Optional;

/**
 * The container services of one account as the steps use them: read (at rest or fresh), written
 * (create, update, deploy, delete), and the last FAILED attempt of a revision, in the operator's
 * records ({@link ServiceState}, {@link DeploymentRecord}); the AWS SDK stays in the adapter.
 */
public interface ContainerServicePort {

  /** What is known of a service, and whether it came from the shared view at rest. */
  record Observation(Optional<ServiceState> service, boolean steady) {}

  /**
   * The newest deployment of a revision, FAILED, and how many deployments of that revision FAILED
   * since the serving one (it included).
   */
  record FailedAttempt(DeploymentRecord deployment, int failures) {}

  /**
   * The service as the region's shared view has it: good enough to find a service at rest; anything
   * that leads to a write or a wait must {@link #current} first.
   */
  Observation steady(String region, String name);

  /** The service read after this operator's last write to it and at most the poll interval ago. */
  Observation current(String region, String name);

  /** Creates the service with ECR pull access on. */
  ServiceState create(
      String region, String name, String power, int scale, Map<String, String> tags);

  /** Sets power, scale and ECR pull access of an existing service. */
  ServiceState update(String region, String name, String power, int scale);

  /**
   * Creates a deployment; the answer's nextDeployment is the new, activating one.
   *
   * @throws DeploymentRejectedException when Lightsail refuses it as invalid input
   */
  ServiceState deploy(String region, String name, DesiredDeployment desired);

  /** Deletes the service; true when it existed. */
  boolean delete(String region, String name);

  /**
   * The newest deployment of exactly {@code desired} when it FAILED, newer than version {@code
   * servingVersion}.
   */
  Optional<FailedAttempt> failedAttempt(
      String region, String name, DesiredDeployment desired, int servingVersion);
}
