package dev.envops.sandbox.lightsail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envops.sandbox.aws.AwsErrorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates Lightsail request members the way the service does. */
final class LightsailRequests {

  static final Set<String> POWERS = Set.of("nano", "micro", "small", "medium", "large", "xlarge");
  private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "UDP");
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]{1,2}|[a-z0-9][a-z0-9-]+[a-z0-9]$");
  private static final Pattern CODES =
      Pattern.compile("^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$");

  /** Containers in one deployment (the model's and the guide's limit). */
  static final int MAX_CONTAINERS = 10;

  static final int MAX_TAG_KEY = 128;
  static final int MAX_TAG_VALUE = 256;

  private LightsailRequests() {}

  static AwsErrorException invalid(String message) {
    return AwsErrorException.badRequest("InvalidInputException", message);
  }

  static String serviceName(JsonNode body) {
    JsonNode node = body.get("serviceName");
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw invalid("serviceName is required");
    }
    String name = node.asText();
    if (name.length() > 63 || !NAME.matcher(name).matches()) {
      throw invalid(
          "Invalid service name "
              + name
              + ": use 1-63 lowercase letters, digits and hyphens, starting and ending"
              + " alphanumeric");
    }
    return name;
  }

  static String power(JsonNode node) {
    if (node == null || !POWERS.contains(node.asText())) {
      throw invalid("power must be one of " + POWERS);
    }
    return node.asText();
  }

  static int scale(JsonNode node) {
    if (node == null || !node.canConvertToInt() || node.asInt() < 1 || node.asInt() > 20) {
      throw invalid("scale must be between 1 and 20");
    }
    return node.asInt();
  }

  static Map<String, String> tags(JsonNode node) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (node != null && node.isArray()) {
      node.forEach(
          tag -> {
            String key = tag.path("key").asText();
            String value = tag.path("value").asText("");
            if (key.isEmpty() || key.length() > MAX_TAG_KEY) {
              throw invalid("Tag keys must be 1-" + MAX_TAG_KEY + " characters: " + key);
            }
            if (value.length() > MAX_TAG_VALUE) {
              throw invalid(
                  "The value of tag " + key + " is longer than " + MAX_TAG_VALUE + " characters");
            }
            tags.put(key, value);
          });
    }
    return tags;
  }

  /** {@code privateRegistryAccess.ecrImagePullerRole.isActive}, or null when not sent. */
  static Boolean pullerActive(JsonNode body) {
    JsonNode node = body.path("privateRegistryAccess").path("ecrImagePullerRole").get("isActive");
    return node == null || node.isNull() ? null : node.asBoolean();
  }

  static ServiceUpdate update(JsonNode body) {
    return new ServiceUpdate(
        body.hasNonNull("power") ? power(body.get("power")) : null,
        body.hasNonNull("scale") ? scale(body.get("scale")) : null,
        body.hasNonNull("isDisabled") ? body.get("isDisabled").asBoolean() : null,
        pullerActive(body));
  }

  static DeploymentRequest deployment(JsonNode body) {
    JsonNode containersNode = body.get("containers");
    if (containersNode == null || !containersNode.isObject() || containersNode.isEmpty()) {
      throw invalid("A deployment needs at least one container");
    }
    if (containersNode.size() > MAX_CONTAINERS) {
      throw invalid("A deployment can have at most " + MAX_CONTAINERS + " containers");
    }
    Map<String, ContainerSpec> containers = new LinkedHashMap<>();
    containersNode
        .fields()
        .forEachRemaining(
            entry -> containers.put(containerName(entry.getKey()), container(entry.getValue())));
    PublicEndpointSpec endpoint = publicEndpoint(body.get("publicEndpoint"), containers);
    return new DeploymentRequest(containers, endpoint);
  }

  private static String containerName(String name) {
    if (name.length() > 53 || !NAME.matcher(name).matches()) {
      throw invalid("Invalid container name " + name);
    }
    return name;
  }

  private static ContainerSpec container(JsonNode node) {
    String image = node.path("image").asText("");
    if (image.isBlank()) {
      throw invalid("Each container needs an image");
    }
    List<String> command = new ArrayList<>();
    node.path("command").forEach(part -> command.add(part.asText()));
    Map<String, String> environment = new LinkedHashMap<>();
    node.path("environment")
        .fields()
        .forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
    Map<String, String> ports = new LinkedHashMap<>();
    node.path("ports")
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getKey().matches("\\d{1,5}")
                  || !PROTOCOLS.contains(entry.getValue().asText())) {
                throw invalid(
                    "Invalid port mapping " + entry.getKey() + ": " + entry.getValue().asText());
              }
              ports.put(entry.getKey(), entry.getValue().asText());
            });
    return new ContainerSpec(image, command, environment, ports);
  }

  private static PublicEndpointSpec publicEndpoint(
      JsonNode node, Map<String, ContainerSpec> containers) {
    if (node == null || node.isNull()) {
      return null;
    }
    String containerName = node.path("containerName").asText("");
    ContainerSpec container = containers.get(containerName);
    if (container == null) {
      throw invalid(
          "The public endpoint names container "
              + containerName
              + ", which is not in the deployment");
    }
    JsonNode port = node.get("containerPort");
    if (port == null
        || !port.canConvertToInt()
        || !container.ports().containsKey(String.valueOf(port.asInt()))) {
      throw invalid(
          "The public endpoint's container port must be one of the container's ports "
              + container.ports().keySet());
    }
    String protocol = container.ports().get(String.valueOf(port.asInt()));
    if (!"HTTP".equals(protocol) && !"HTTPS".equals(protocol)) {
      throw invalid(
          "The public endpoint's container port must be open as HTTP or HTTPS, not " + protocol);
    }
    return new PublicEndpointSpec(
        containerName, port.asInt(), healthCheck(node.get("healthCheck")));
  }

  private static HealthCheckSpec healthCheck(JsonNode node) {
    HealthCheckSpec defaults = HealthCheckSpec.DEFAULT;
    if (node == null || node.isNull()) {
      return defaults;
    }
    return new HealthCheckSpec(
        bounded(node, "healthyThreshold", defaults.healthyThreshold(), 2, 10),
        bounded(node, "unhealthyThreshold", defaults.unhealthyThreshold(), 2, 10),
        bounded(node, "timeoutSeconds", defaults.timeoutSeconds(), 2, 60),
        bounded(node, "intervalSeconds", defaults.intervalSeconds(), 5, 300),
        node.path("path").asText(defaults.path()),
        successCodes(node.path("successCodes").asText(defaults.successCodes())));
  }

  /** Codes and ranges such as 200-499 or 200,302, each between 200 and 499. */
  private static String successCodes(String codes) {
    boolean valid = CODES.matcher(codes).matches();
    if (valid) {
      for (String part : codes.split("[,-]")) {
        int code = Integer.parseInt(part);
        valid &= code >= 200 && code <= 499;
      }
    }
    if (!valid) {
      throw invalid(
          "healthCheck.successCodes must be HTTP codes between 200 and 499, e.g. 200-499: "
              + codes);
    }
    return codes;
  }

  private static int bounded(JsonNode node, String member, int fallback, int min, int max) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
      throw invalid("healthCheck." + member + " must be between " + min + " and " + max);
    }
    return value.asInt();
  }
}
