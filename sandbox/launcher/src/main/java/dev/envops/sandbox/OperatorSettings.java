package dev.envops.sandbox;

import dev.envops.operator.config.OperatorConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The operator's configuration in the sandbox: the simulators' endpoints and short intervals. */
final class OperatorSettings {

  private OperatorSettings() {}

  static OperatorConfig of(SandboxTimings timings, URI awsEndpoint, String planetScaleBaseUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("ENVOPS_POLL_INTERVAL", timings.operatorPoll().toMillis() + "ms");
    env.put("ENVOPS_RESYNC_PERIOD", timings.operatorResync().toMillis() + "ms");
    env.put("ENVOPS_SLOW_RETRY", timings.operatorPoll().multipliedBy(4).toMillis() + "ms");
    env.put("ENVOPS_MAX_BACKOFF", timings.operatorPoll().multipliedBy(8).toMillis() + "ms");
    env.put("ENVOPS_METRICS_PORT", "0");
    env.put("ENVOPS_LEADER_ELECTION", "false");
    // The shipped RBAC lets the operator read Secrets only in the namespaces it watches.
    env.put("ENVOPS_NAMESPACES", PlatformSetup.NAMESPACE);
    env.put("ENVOPS_PROBE_ENDPOINT", "true");
    env.put("ENVOPS_LIGHTSAIL_ENDPOINT", awsEndpoint.toString());
    env.put("ENVOPS_ECR_ENDPOINT", awsEndpoint.toString());
    env.put("ENVOPS_STS_ENDPOINT", awsEndpoint.toString());
    env.put("ENVOPS_PLANETSCALE_API_URL", planetScaleBaseUrl);
    return OperatorConfig.from(env);
  }
}
