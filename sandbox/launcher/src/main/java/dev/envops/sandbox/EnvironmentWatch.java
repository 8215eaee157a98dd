package dev.envops.sandbox;

import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Waits (on a watch, not by polling) for an Environment's status, printing phase changes. */
public final class EnvironmentWatch {

  private final KubernetesClient client;
  private final String namespace;
  private final Progress progress;
  private final Duration timeout;

  public EnvironmentWatch(
      KubernetesClient client, String namespace, Progress progress, Duration timeout) {
    this.client = client;
    this.namespace = namespace;
    this.progress = progress;
    this.timeout = timeout;
  }

  /** Ready with {@code tag} for the current generation; fails fast when it ends Failed. */
  public Environment awaitReady(String name, String tag) {
    return await(
        name,
        "Ready with tag " + tag,
        env -> isCurrent(env) && env.getStatus().getPhase() == Phase.Ready && servesTag(env, tag),
        env -> isCurrent(env) && env.getStatus().getPhase() == Phase.Failed);
  }

  /** Failed for the current generation (a rollout of {@code tag} that must not succeed). */
  public Environment awaitFailed(String name, String tag) {
    return await(
        name,
        "Failed rolling out tag " + tag,
        env -> isCurrent(env) && env.getStatus().getPhase() == Phase.Failed,
        env -> isCurrent(env) && env.getStatus().getPhase() == Phase.Ready && servesTag(env, tag));
  }

  /** Waits until {@code done}, or throws once {@code wrong} holds or the timeout passes. */
  public Environment await(
      String name, String what, Predicate<Environment> done, Predicate<Environment> wrong) {
    AtomicReference<String> lastSeen = new AtomicReference<>("");
    AtomicReference<Environment> latest = new AtomicReference<>();
    Environment result;
    try {
      result =
          client
              .resources(Environment.class)
              .inNamespace(namespace)
              .withName(name)
              .waitUntilCondition(
                  env -> {
                    if (env == null) {
                      return false;
                    }
                    latest.set(env);
                    report(env, lastSeen);
                    return done.test(env) || wrong.test(env);
                  },
                  timeout.toMillis(),
                  TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw new StoryFailure(
          name
              + " was not "
              + what
              + " within "
              + timeout.toSeconds()
              + " s; last status: "
              + Optional.ofNullable(latest.get()).map(EnvironmentWatch::describe).orElse("none"),
          e);
    }
    if (!done.test(result)) {
      throw new StoryFailure(name + " was expected to be " + what + " but is " + describe(result));
    }
    return result;
  }

  /** {@code phase (reason: message)} of the Ready condition, for messages. */
  public static String describe(Environment env) {
    EnvironmentStatus status = env.getStatus();
    if (status == null) {
      return "no status yet";
    }
    String ready =
        status
            .condition("Ready")
            .map(c -> " (" + c.getReason() + ": " + c.getMessage() + ")")
            .orElse("");
    return status.getPhase() + ready;
  }

  private void report(Environment env, AtomicReference<String> lastSeen) {
    EnvironmentStatus status = env.getStatus();
    if (status == null || status.getPhase() == null) {
      return;
    }
    Optional<Condition> ready = status.condition("Ready");
    String key = status.getPhase() + "/" + ready.map(Condition::getReason).orElse("");
    if (!Objects.equals(lastSeen.getAndSet(key), key)) {
      progress.detail(
          env.getMetadata().getName()
              + ": "
              + status.getPhase()
              + ready.map(c -> " - " + c.getMessage()).orElse(""));
    }
  }

  private static boolean isCurrent(Environment env) {
    EnvironmentStatus status = env.getStatus();
    return status != null
        && status.getPhase() != null
        && Objects.equals(status.getObservedGeneration(), env.getMetadata().getGeneration());
  }

  private static boolean servesTag(Environment env, String tag) {
    return env.getStatus().getImage() != null && tag.equals(env.getStatus().getImage().getTag());
  }
}
