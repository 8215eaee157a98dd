package dev.envops.operator.reconcile;

import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.ImageSpec;
import dev.envops.operator.environment.Phase;
import dev.envops.operator.environment.SecretEnvVar;
import java.util.List;
import java.util.Optional;

/**
 * Step 3: reads the values of {@code spec.lightsail.envFrom} from Secrets, and checks that the
 * PlanetScale token Secret is there before a new tag rolls out with schema promotion. Only names
 * ever reach status, events or logs; a missing Secret or key stops the pass before any cloud call.
 */
public final class SecretEnvStep implements RolloutStep {

  private final OperatorConfig config;

  public SecretEnvStep(OperatorConfig config) {
    this.config = config;
  }

  @Override
  public StepResult run(RolloutContext ctx) {
    List<SecretEnvVar> envFrom = ctx.spec().getLightsail().getEnvFrom();
    String namespace = ctx.environment().getMetadata().getNamespace();
    for (int i = 0; envFrom != null && i < envFrom.size(); i++) {
      SecretEnvVar var = envFrom.get(i);
      String secretName = var.getSecretKeyRef().getName();
      String key = var.getSecretKeyRef().getKey();
      Optional<String> value =
          ctx.secrets().get(namespace, secretName).flatMap(s -> SecretValues.value(s, key));
      if (value.isEmpty()) {
        ctx.notReady(
            Phase.Pending,
            Reason.SECRET_NOT_FOUND,
            "spec.lightsail.envFrom["
                + i
                + "].secretKeyRef: key "
                + key
                + " of Secret "
                + namespace
                + "/"
                + secretName
                + " not found (env "
                + var.getName()
                + ")");
        return StepResult.requeue(config.slowRetry());
      }
      ctx.secretEnv().put(var.getName(), value.get());
    }
    DatabaseSpec db = ctx.spec().getDatabase();
    if (DatabaseSpec.promotes(db) && rollsOutNewTag(ctx) && ServiceTokens.read(ctx, db).isEmpty()) {
      // A new tag is a revision to promote, which needs the token: stop before the ECR lookup.
      // In steady state the token is not needed (no PlanetScale call), so it is not checked here.
      ctx.inProgress(
          Progress.PROMOTING_SCHEMA,
          Reason.SERVICE_TOKEN_NOT_FOUND,
          ServiceTokens.notFound(ctx, db));
      return StepResult.requeue(config.slowRetry());
    }
    return StepResult.proceed();
  }

  private static boolean rollsOutNewTag(RolloutContext ctx) {
    ImageSpec wanted = ctx.spec().getImage();
    DeployedImage serving = ctx.status().getImage();
    return serving == null
        || !wanted.getRepository().equals(serving.getRepository())
        || !wanted.getTag().equals(serving.getTag());
  }
}
