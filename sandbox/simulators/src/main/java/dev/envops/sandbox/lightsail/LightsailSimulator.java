package dev.envops.sandbox.lightsail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.sandbox.aws.AwsCall;
import dev.envops.sandbox.aws.AwsErrorException;
import dev.envops.sandbox.aws.AwsJson;
import dev.envops.sandbox.aws.AwsJsonService;
import dev.envops.sandbox.ecr.EcrSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simulated Lightsail container services: services become READY after a delay, deployments activate
 * after a delay and end ACTIVE or FAILED as the {@link ContainerRuntime} decides. State advances on
 * its own scheduler, whether or not anyone polls.
 */
public final class LightsailSimulator extends AwsJsonService implements AutoCloseable {

  public static final String TARGET_PREFIX = "Lightsail_20161128";

  private final ContainerServiceFleet fleet;

  /** A simulator whose deployments of private ECR images are checked against {@code ecr}. */
  public LightsailSimulator(EcrSimulator ecr) {
    super(TARGET_PREFIX);
    this.fleet = new ContainerServiceFleet(ecr);
  }

  /** How long a service stays PENDING (and UPDATING, DELETING); default 1 s. */
  public LightsailSimulator serviceReadyDelay(Duration delay) {
    fleet.serviceReadyDelay = delay;
    return this;
  }

  /** How long a deployment stays ACTIVATING before the runtime decides its fate; default 2 s. */
  public LightsailSimulator activationDelay(Duration delay) {
    fleet.activationDelay = delay;
    return this;
  }

  /** Replaces the runtime that decides whether activating deployments are healthy. */
  public LightsailSimulator runtime(ContainerRuntime runtime) {
    fleet.runtime = runtime;
    return this;
  }

  /**
   * Whether deployments of this account's ECR images fail unless the service's puller role is
   * active, the image exists and the repository policy grants the role (default true, as AWS).
   */
  public LightsailSimulator requireEcrPullAccess(boolean required) {
    fleet.requireEcrPullAccess = required;
    return this;
  }

  /** A snapshot of the named service, if it exists. */
  public Optional<ContainerServiceSnapshot> service(String name) {
    return fleet.find(name);
  }

  /** Snapshots of every service, by name. */
  public List<ContainerServiceSnapshot> services() {
    return fleet.all();
  }

  /**
   * Simulates a person deploying by hand (drift): a new deployment copying the current one, with
   * the serving container's image and environment replaced. Not recorded as an API call.
   *
   * @return the new deployment's version
   * @throws IllegalStateException when the service is missing or cannot take a deployment now
   */
  public int deployOutOfBand(String serviceName, String image, Map<String, String> environment) {
    return fleet.deployOutOfBand(serviceName, image, environment);
  }

  @Override
  public void close() {
    fleet.close();
  }

  @Override
  protected String serverErrorType() {
    return "ServiceException";
  }

  @Override
  protected JsonNode handle(AwsCall call) {
    JsonNode body = call.body();
    return switch (call.operation()) {
      case "GetContainerServices" -> getContainerServices(body);
      case "CreateContainerService" -> serviceResponse(fleet.create(serviceRequest(call)));
      case "UpdateContainerService" ->
          serviceResponse(
              fleet.update(LightsailRequests.serviceName(body), LightsailRequests.update(body)));
      case "CreateContainerServiceDeployment" ->
          serviceResponse(
              fleet.deploy(
                  LightsailRequests.serviceName(body), LightsailRequests.deployment(body)));
      case "GetContainerServiceDeployments" -> getDeployments(body);
      case "DeleteContainerService" -> {
        fleet.delete(LightsailRequests.serviceName(body));
        yield AwsJson.object();
      }
      default ->
          throw AwsErrorException.badRequest(
              "UnknownOperationException", "The simulator does not implement " + call.operation());
    };
  }

  private JsonNode getContainerServices(JsonNode body) {
    ObjectNode response = AwsJson.object();
    ArrayNode list = response.putArray("containerServices");
    List<ContainerServiceSnapshot> services =
        body.hasNonNull("serviceName")
            ? List.of(fleet.existing(LightsailRequests.serviceName(body)))
            : fleet.all();
    services.forEach(service -> list.add(LightsailJsonWriter.service(service)));
    return response;
  }

  private JsonNode getDeployments(JsonNode body) {
    ObjectNode response = AwsJson.object();
    ArrayNode list = response.putArray("deployments");
    fleet
        .existing(LightsailRequests.serviceName(body))
        .deployments()
        .forEach(deployment -> list.add(LightsailJsonWriter.deployment(deployment)));
    return response;
  }

  private static ServiceRequest serviceRequest(AwsCall call) {
    JsonNode body = call.body();
    return new ServiceRequest(
        LightsailRequests.serviceName(body),
        call.region(),
        LightsailRequests.power(body.get("power")),
        LightsailRequests.scale(body.get("scale")),
        LightsailRequests.tags(body.get("tags")),
        Boolean.TRUE.equals(LightsailRequests.pullerActive(body)),
        body.hasNonNull("deployment")
            ? LightsailRequests.deployment(body.get("deployment"))
            : null);
  }

  private static ObjectNode serviceResponse(ContainerServiceSnapshot service) {
    ObjectNode response = AwsJson.object();
    response.set("containerService", LightsailJsonWriter.service(service));
    return response;
  }
}
