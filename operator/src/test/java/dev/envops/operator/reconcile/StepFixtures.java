package dev.envops.operator.reconcile;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.config.OperatorConfig;
import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.DeployedImage;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.fakes.FakeEnvironments;
import dev.envops.operator.fakes.FakeSecrets;
import dev.envops.operator.lightsail.DesiredDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the step tests share: one Environment, a fixed clock and default settings. The step tier
 * (every {@code *StepTest} here) runs ONE step against in-memory fakes of the cloud ports ({@code
 * dev.envops.operator.fakes}) and asserts its {@link StepResult} or {@link Outcome}, the status it
 * builds, the events it queues, the value it hands on and the calls the fakes recorded: no cluster,
 * no MariaDB, no simulators, milliseconds a test. The OperatorHarness tests above it check the
 * steps together, through the real kube-apiserver and the simulators.
 */
final class StepFixtures {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final OperatorConfig CONFIG = OperatorConfig.from(Map.of());
  static final String REGION = "us-east-1";
  static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bookings";
  static final String DIGEST = "sha256:" + "a".repeat(64);
  static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

  private StepFixtures() {}

  /** Environment envops/qa deploying {@code REPO:v1} to qa-service, generation 1. */
  static Environment env() {
    Environment env = Environments.bookings("qa", REPO, "v1");
    env.getMetadata().setGeneration(1L);
    env.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    return env;
  }

  /** {@link #env()} with uid {@code uid-qa}, promoting schema in the harness's organization. */
  static Environment promotingEnv() {
    Environment env = Environments.withSchemaPromotion(env());
    env.getMetadata().setUid("uid-qa");
    return env;
  }

  /** A pass over {@code env} with an empty status, no Secrets and no other Environments. */
  static RolloutContext context(Environment env) {
    return context(env, new EnvironmentStatus(), new FakeSecrets(), new FakeEnvironments());
  }

  static RolloutContext context(
      Environment env,
      EnvironmentStatus status,
      FakeSecrets secrets,
      FakeEnvironments environments) {
    return new RolloutContext(env, status, NOW, secrets, environments);
  }

  /** A pass over {@code env} with {@code status}, no Secrets and no other Environments. */
  static RolloutContext context(Environment env, EnvironmentStatus status) {
    return context(env, status, new FakeSecrets(), new FakeEnvironments());
  }

  /** What ImageResolveStep hands the later steps: {@code REPO:v1} resolved to {@code DIGEST}. */
  /** The PlanetScale service-token Secret the Environments of {@link #env()} name. */
  static FakeSecrets tokenSecret() {
    return new FakeSecrets()
        .put(OperatorHarness.NAMESPACE, OperatorHarness.PS_TOKEN_SECRET, "id", "i", "token", "t");
  }

  static DeployedImage image() {
    return new DeployedImage(REPO, "v1", DIGEST);
  }

  /** What DeploymentStep asks Lightsail for, for {@code env} at {@code REPO:tag}, no secrets. */
  static DesiredDeployment desired(Environment env, String tag) {
    LightsailSpec ls = env.getSpec().getLightsail();
    return new DesiredDeployment(
        ls.getContainerName(),
        REPO + ":" + tag,
        ls.getEnv(),
        ls.getContainerPort(),
        ls.getHealthCheck());
  }

  /** The condition of {@code type}, if set. */
  static Optional<Condition> condition(RolloutContext ctx, String type) {
    return ctx.status().condition(type);
  }

  /** The reason of the condition of {@code type}, or null. */
  static String reason(RolloutContext ctx, String type) {
    return condition(ctx, type).map(Condition::getReason).orElse(null);
  }

  /** The reasons of the events queued, in order. */
  static List<String> eventReasons(RolloutContext ctx) {
    return ctx.events().stream().map(RolloutContext.PendingEvent::reason).toList();
  }
}
