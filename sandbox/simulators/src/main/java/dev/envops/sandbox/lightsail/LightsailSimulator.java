package dev.envops.sandbox.lightsail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.sandbox.aws.AwsCall;
import dev.envops.sandbox.aws.AwsErrorException;
import dev.envops.sandbox.aws.AwsJson;
import dev.envops.sandbox.aws.AwsJsonService;
import dev.envops.sandbox.aws.AwsSimulator;
import dev.envops.sandbox.aws.CallLog;
import dev.envops.sandbox.ecr.EcrSimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
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
  private final CallLog regionWideReads = new CallLog();

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

  /**
   * How long after the ECR image puller role is made active its principal shows; default 30 s (the
   * Lightsail guide: wait at least 30 seconds). Until then deployments of private images fail.
   */
  public LightsailSimulator pullerRoleDelay(Duration delay) {
    fleet.pullerRoleDelay = delay;
    return this;
  }

  /**
   * How long after the puller principal shows IAM knows it; default 5 s (an assumption: the window
   * exists, terraform-provider-aws#39064, its length is not documented). Until then ECR answers a
   * policy naming it with {@code InvalidParameterException ... 'Principal not found'}.
   */
  public LightsailSimulator iamPropagationDelay(Duration delay) {
    fleet.iamPropagationDelay = delay;
    return this;
  }

  /**
   * The error type a call naming a missing service gets: {@code NotFoundException} (default, the
   * API reference) or {@code InvalidInputException} (which AWS's own CloudFormation handler also
   * reads as "absent").
   */
  public LightsailSimulator absentServiceError(String errorType) {
    fleet.absentServiceError = errorType;
    return this;
  }

  /** Container services per account and region; default 100 (the Lightsail quota). */
  public LightsailSimulator maxServicesPerRegion(int max) {
    fleet.maxServicesPerRegion = max;
    return this;
  }

  /** Services of one account and region being created or updated at once; default 5. */
  public LightsailSimulator maxServicesChanging(int max) {
    fleet.maxServicesChanging = max;
    return this;
  }

  /**
   * A snapshot of the named service, if it exists in some region: the default account's and
   * region's first when the name is used in several.
   */
  public Optional<ContainerServiceSnapshot> service(String name) {
    return fleet.findAnywhere(name);
  }

  /** A snapshot of the named service of the default account in {@code region}. */
  public Optional<ContainerServiceSnapshot> service(String region, String name) {
    return fleet.find(AwsSimulator.ACCOUNT_ID, region, name);
  }

  /** A snapshot of the named service of {@code account} in {@code region}. */
  public Optional<ContainerServiceSnapshot> service(String account, String region, String name) {
    return fleet.find(account, region, name);
  }

  /** Snapshots of every service of every account and region, by name. */
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
    String account = call.account();
    String region = call.region();
    return switch (call.operation()) {
      case "GetContainerServices" -> getContainerServices(call);
      case "CreateContainerService" -> serviceResponse(fleet.create(serviceRequest(call)));
      case "UpdateContainerService" ->
          serviceResponse(
              fleet.update(
                  account,
                  region,
                  LightsailRequests.serviceName(body),
                  LightsailRequests.update(body)));
      case "CreateContainerServiceDeployment" ->
          serviceResponse(
              fleet.deploy(
                  account,
                  region,
                  LightsailRequests.serviceName(body),
                  LightsailRequests.deployment(body)));
      case "GetContainerServiceDeployments" -> getDeployments(call);
      case "GetContainerLog" -> getContainerLog(call);
      case "DeleteContainerService" -> {
        fleet.delete(account, region, LightsailRequests.serviceName(body));
        yield AwsJson.object();
      }
      default ->
          throw AwsErrorException.badRequest(
              "UnknownOperationException", "The simulator does not implement " + call.operation());
    };
  }

  /**
   * The {@code account/region} of every {@code GetContainerServices} without a service name (one
   * region's whole list), in arrival order; the by-name calls are the rest of {@code
   * callCount("GetContainerServices")}.
   */
  public List<String> regionWideReads() {
    return regionWideReads.calls();
  }

  @Override
  protected void callsReset() {
    regionWideReads.reset();
  }

  /** One service by name, or every service of the request's account and region. */
  private JsonNode getContainerServices(AwsCall call) {
    JsonNode body = call.body();
    if (!body.hasNonNull("serviceName")) {
      regionWideReads.record(call.account() + "/" + call.region());
    }
    ObjectNode response = AwsJson.object();
    ArrayNode list = response.putArray("containerServices");
    List<ContainerServiceSnapshot> services =
        body.hasNonNull("serviceName")
            ? List.of(
                fleet.existing(call.account(), call.region(), LightsailRequests.serviceName(body)))
            : fleet.inRegion(call.account(), call.region());
    services.forEach(service -> list.add(LightsailJsonWriter.service(service)));
    return response;
  }

  private JsonNode getDeployments(AwsCall call) {
    ObjectNode response = AwsJson.object();
    ArrayNode list = response.putArray("deployments");
    fleet
        .existing(call.account(), call.region(), LightsailRequests.serviceName(call.body()))
        .deployments()
        .forEach(deployment -> list.add(LightsailJsonWriter.deployment(deployment)));
    return response;
  }

  /** The container's log lines (the simulator's own deployment events), oldest first. */
  private JsonNode getContainerLog(AwsCall call) {
    String service = LightsailRequests.serviceName(call.body());
    String container = call.body().path("containerName").asText("");
    if (container.isEmpty()) {
      throw LightsailRequests.invalid("containerName is required");
    }
    ObjectNode response = AwsJson.object();
    ArrayNode events = response.putArray("logEvents");
    fleet
        .log(call.account(), call.region(), service, container)
        .forEach(
            e ->
                events
                    .addObject()
                    .put("createdAt", AwsJson.epochSeconds(e.createdAt()))
                    .put("message", e.message()));
    return response;
  }

  /** Lightsail errors carry {@code code}, {@code docs}, {@code message} and {@code tip}. */
  @Override
  protected Map<String, String> errorFields(AwsErrorException error) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", error.type().replaceFirst("Exception$", ""));
    fields.put("docs", "https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/");
    fields.put(
        "tip",
        "NotFoundException".equals(error.type())
            ? "Check the name and the Region of the container service."
            : "Check the request against the Lightsail API reference.");
    return fields;
  }

  private static ServiceRequest serviceRequest(AwsCall call) {
    JsonNode body = call.body();
    return new ServiceRequest(
        LightsailRequests.serviceName(body),
        call.account(),
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
