package dev.envops.operator.lightsail;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.aws.AwsFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lightsail.model.InvalidInputException;
import software.amazon.awssdk.services.lightsail.model.NotFoundException;

/**
 * The Lightsail calls the operator makes on one container service, answered in the operator's
 * records ({@link ServiceState}, {@link DeploymentRecord}). A failed call is thrown as a {@link
 * dev.envops.operator.cloud.CloudCallException} naming it, except the answers read here as "absent"
 * and a deployment rejected as invalid ({@link DeploymentRejectedException}).
 */
public final class LightsailDeployments {

  private static final String GET_SERVICES = "lightsail:GetContainerServices";
  private static final String CREATE_SERVICE = "lightsail:CreateContainerService";
  private static final String UPDATE_SERVICE = "lightsail:UpdateContainerService";
  private static final String CREATE_DEPLOYMENT = "lightsail:CreateContainerServiceDeployment";
  private static final String GET_DEPLOYMENTS = "lightsail:GetContainerServiceDeployments";
  private static final String DELETE_SERVICE = "lightsail:DeleteContainerService";

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
          .lightsail(region)
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
        throw AwsFailure.of(GET_SERVICES, e);
      }
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsFailure.of(GET_SERVICES, e);
    }
  }

  /** Every service of the region (GetContainerServices without a name; Lightsail does not page). */
  public List<ServiceState> list(String region) {
    try {
      return clients.lightsail(region).getContainerServices(r -> {}).containerServices().stream()
          .map(LightsailRecords::service)
          .toList();
    } catch (SdkException e) {
      throw AwsFailure.of(GET_SERVICES, e);
    }
  }

  /** True when the region's list of services has the name. */
  private boolean listed(String region, String serviceName) {
    return list(region).stream().anyMatch(s -> serviceName.equals(s.name()));
  }

  /** Creates the service with ECR pull access on. */
  public ServiceState create(
      String region, String serviceName, String power, int scale, Map<String, String> tags) {
    try {
      return LightsailRecords.service(
          clients
              .lightsail(region)
              .createContainerService(
                  r ->
                      r.serviceName(serviceName)
                          .power(power)
                          .scale(scale)
                          .tags(tags.entrySet().stream().map(LightsailRecords::tag).toList())
                          .privateRegistryAccess(p -> p.ecrImagePullerRole(e -> e.isActive(true))))
              .containerService());
    } catch (SdkException e) {
      throw AwsFailure.of(CREATE_SERVICE, e);
    }
  }

  /** Sets power, scale and ECR pull access of an existing service. */
  public ServiceState update(String region, String serviceName, String power, int scale) {
    try {
      return LightsailRecords.service(
          clients
              .lightsail(region)
              .updateContainerService(
                  r ->
                      r.serviceName(serviceName)
                          .power(power)
                          .scale(scale)
                          .privateRegistryAccess(p -> p.ecrImagePullerRole(e -> e.isActive(true))))
              .containerService());
    } catch (SdkException e) {
      throw AwsFailure.of(UPDATE_SERVICE, e);
    }
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
              .lightsail(region)
              .createContainerServiceDeployment(
                  r ->
                      r.serviceName(serviceName)
                          .containers(LightsailRecords.containers(desired))
                          .publicEndpoint(LightsailRecords.publicEndpoint(desired)))
              .containerService());
    } catch (InvalidInputException e) {
      throw new DeploymentRejectedException(
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(), e);
    } catch (SdkException e) {
      throw AwsFailure.of(CREATE_DEPLOYMENT, e);
    }
  }

  /** Every deployment Lightsail keeps for the service, newest (highest version) first. */
  public List<DeploymentRecord> deployments(String region, String serviceName) {
    try {
      return clients
          .lightsail(region)
          .getContainerServiceDeployments(r -> r.serviceName(serviceName))
          .deployments()
          .stream()
          .map(LightsailRecords::deployment)
          .sorted(Comparator.comparingInt(DeploymentRecord::version).reversed())
          .toList();
    } catch (SdkException e) {
      throw AwsFailure.of(GET_DEPLOYMENTS, e);
    }
  }

  /** Deletes the service; true when it existed. */
  public boolean delete(String region, String serviceName) {
    try {
      clients.lightsail(region).deleteContainerService(r -> r.serviceName(serviceName));
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (InvalidInputException e) {
      if (listed(region, serviceName)) {
        throw AwsFailure.of(DELETE_SERVICE, e);
      }
      return false;
    } catch (SdkException e) {
      throw AwsFailure.of(DELETE_SERVICE, e);
    }
  }
}
