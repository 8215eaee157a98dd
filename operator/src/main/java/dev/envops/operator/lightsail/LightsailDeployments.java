package dev.envops.operator.lightsail;

import dev.envops.operator.aws.AwsClients;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;
import software.amazon.awssdk.services.lightsail.model.NotFoundException;

/**
 * The Lightsail calls the operator makes on one container service, answered in the operator's
 * records ({@link ServiceState}, {@link DeploymentRecord}).
 */
public final class LightsailDeployments {

  private final AwsClients clients;

  public LightsailDeployments(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * The service, or empty when Lightsail does not know it. "Does not exist" may come as {@code
   * NotFoundException} (the API reference) or {@code InvalidInputException} (which AWS's own
   * CloudFormation handler for container services also reads as absent); the latter can also mean a
   * bad request, so it counts as absent only when the region's list lacks the name.
   */
  public Optional<ServiceState> find(String region, String serviceName) {
    try {
      return clients
          .lightsailReads(region)
          .getContainerServices(r -> r.serviceName(serviceName))
          .containerServices()
          .stream()
          .filter(s -> serviceName.equals(s.containerServiceName()))
          .findFirst()
          .map(LightsailRecords::service);
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (InvalidInputException e) {
      if (listed(region, serviceName)) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** Every service of the region (GetContainerServices without a name; Lightsail does not page). */
  public List<ServiceState> list(String region) {
    return clients.lightsailReads(region).getContainerServices(r -> {}).containerServices().stream()
        .map(LightsailRecords::service)
        .toList();
  }

  /** True when the region's list of services has the name. */
  private boolean listed(String region, String serviceName) {
    return list(region).stream().anyMatch(s -> serviceName.equals(s.name()));
  }

  /** Creates the service with ECR pull access on. */
  public ServiceState create(
      String region, String serviceName, String power, int scale, Map<String, String> tags) {
    return LightsailRecords.service(
        clients
            .lightsailWrites(region)
            .createContainerService(
                r ->
                    r.serviceName(serviceName)
                        .power(power)
                        .scale(scale)
                        .tags(tags.entrySet().stream().map(LightsailRecords::tag).toList())
                        .privateRegistryAccess(p -> p.ecrImagePullerRole(e -> e.isActive(true))))
            .containerService());
  }

  /** Sets power, scale and ECR pull access of an existing service. */
  public ServiceState update(String region, String serviceName, String power, int scale) {
    return LightsailRecords.service(
        clients
            .lightsailWrites(region)
            .updateContainerService(
                r ->
                    r.serviceName(serviceName)
                        .power(power)
                        .scale(scale)
                        .privateRegistryAccess(p -> p.ecrImagePullerRole(e -> e.isActive(true))))
            .containerService());
  }

  /**
   * Creates a deployment; the answer's nextDeployment is the new, activating one.
   *
   * @throws DeploymentRejectedException when Lightsail refuses it as invalid input
   */
  public ServiceState deploy(String region, String serviceName, DesiredDeployment desired) {
    try {
      return LightsailRecords.service(
          clients
              .lightsailWrites(region)
              .createContainerServiceDeployment(
                  r ->
                      r.serviceName(serviceName)
                          .containers(LightsailRecords.containers(desired))
                          .publicEndpoint(LightsailRecords.publicEndpoint(desired)))
              .containerService());
    } catch (InvalidInputException e) {
      throw new DeploymentRejectedException(
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(), e);
    }
  }

  /** Every deployment Lightsail keeps for the service, newest (highest version) first. */
  public List<DeploymentRecord> deployments(String region, String serviceName) {
    return clients
        .lightsailReads(region)
        .getContainerServiceDeployments(r -> r.serviceName(serviceName))
        .deployments()
        .stream()
        .map(LightsailRecords::deployment)
        .sorted(Comparator.comparingInt(DeploymentRecord::version).reversed())
        .toList();
  }

  /** Deletes the service; true when it existed. */
  public boolean delete(String region, String serviceName) {
    try {
      clients.lightsailWrites(region).deleteContainerService(r -> r.serviceName(serviceName));
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (InvalidInputException e) {
      if (listed(region, serviceName)) {
        throw e;
      }
      return false;
    }
  }
}
