package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.environment.SecretEnvVar;
import java.util.List;
import java.util.Optional;

/**
 * Reads the values of {@code spec.lightsail.envFrom} from Secrets. Only names ever reach status,
 * events or logs; a missing Secret or key stops the pass before any cloud call.
 */
public final class SecretEnvStep implements ReconcileStep {

  private final OperatorConfig config;

  public SecretEnvStep(OperatorConfig config) {
    this.config = config;
  }

  @Override
  public StepResult run(RolloutContext ctx) {
    List<SecretEnvVar> envFrom = ctx.spec().getLightsail().getEnvFrom();
    if (envFrom == null) {
      return StepResult.proceed();
    }
    String namespace = ctx.environment().getMetadata().getNamespace();
    for (SecretEnvVar var : envFrom) {
      String secretName = var.getSecretKeyRef().getName();
      String key = var.getSecretKeyRef().getKey();
      Optional<String> value = ctx.secrets().get(namespace, secretName).flatMap(s -> SecretValues.value(s, key));
      if (value.isEmpty()) {
        ctx.notReady(
            Phase.Pending,
            "SecretNotFound",
            "env "
                + var.getName()
                + ": key "
                + key
                + " of Secret "
                + namespace
                + "/"
                + secretName
                + " not found");
        return StepResult.requeue(config.slowRetry());
      }
      ctx.secretEnv().put(var.getName(), value.get());
    }
    return StepResult.proceed();
  }
}
