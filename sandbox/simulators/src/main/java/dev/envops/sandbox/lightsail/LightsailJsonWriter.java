package dev.envops.sandbox.lightsail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envops.sandbox.aws.AwsJson;

/** Writes snapshots in the shapes of the Lightsail 2016-11-28 model. */
final class LightsailJsonWriter {

  private LightsailJsonWriter() {}

  static ObjectNode service(ContainerServiceSnapshot service) {
    ObjectNode node = AwsJson.object();
    node.put("containerServiceName", service.name());
    node.put("arn", service.arn());
    node.put("createdAt", AwsJson.epochSeconds(service.createdAt()));
    ObjectNode location = node.putObject("location");
    location.put("availabilityZone", "all");
    location.put("regionName", service.region());
    node.put("resourceType", "ContainerService");
    ArrayNode tags = node.putArray("tags");
    service.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
    node.put("power", service.power());
    node.put("powerId", service.power() + "-1");
    node.put("state", service.state().name());
    service
        .stateDetailCode()
        .ifPresent(
            code -> node.putObject("stateDetail").put("code", code).put("message", message(code)));
    node.put("scale", service.scale());
    service.currentDeployment().ifPresent(d -> node.set("currentDeployment", deployment(d)));
    service.nextDeployment().ifPresent(d -> node.set("nextDeployment", deployment(d)));
    node.put("isDisabled", service.isDisabled());
    node.put("principalArn", service.principalArn());
    node.put("privateDomainName", service.name() + ".service.local");
    node.putObject("publicDomainNames");
    node.put("url", service.url());
    node.putObject("privateRegistryAccess")
        .putObject("ecrImagePullerRole")
        .put("isActive", service.ecrImagePullerRole().isActive())
        .put("principalArn", service.ecrImagePullerRole().principalArn());
    return node;
  }

  /** "CREATING_SYSTEM_RESOURCES" as "Creating system resources." */
  private static String message(String code) {
    String words = code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
  }

  static ObjectNode deployment(DeploymentSnapshot deployment) {
    ObjectNode node = AwsJson.object();
    node.put("version", deployment.version());
    node.put("state", deployment.state().name());
    ObjectNode containers = node.putObject("containers");
    deployment
        .containers()
        .forEach(
            (name, container) -> {
              ObjectNode containerNode = containers.putObject(name);
              containerNode.put("image", container.image());
              ArrayNode command = containerNode.putArray("command");
              container.command().forEach(command::add);
              ObjectNode environment = containerNode.putObject("environment");
              container.environment().forEach(environment::put);
              ObjectNode ports = containerNode.putObject("ports");
              container.ports().forEach(ports::put);
            });
    deployment
        .publicEndpoint()
        .ifPresent(
            endpoint -> {
              ObjectNode endpointNode = node.putObject("publicEndpoint");
              endpointNode.put("containerName", endpoint.containerName());
              endpointNode.put("containerPort", endpoint.containerPort());
              HealthCheckSpec check = endpoint.healthCheck();
              endpointNode
                  .putObject("healthCheck")
                  .put("healthyThreshold", check.healthyThreshold())
                  .put("unhealthyThreshold", check.unhealthyThreshold())
                  .put("timeoutSeconds", check.timeoutSeconds())
                  .put("intervalSeconds", check.intervalSeconds())
                  .put("path", check.path())
                  .put("successCodes", check.successCodes());
            });
    node.put("createdAt", AwsJson.epochSeconds(deployment.createdAt()));
    return node;
  }
}
