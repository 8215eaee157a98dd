package dev.envops.sandbox;

import java.time.Duration;

/**
 * How fast the simulated clouds move and how often the operator looks: the launcher keeps the
 * phases visible, the tests make them short.
 *
 * @param lightsailServiceReady how long a new container service stays PENDING
 * @param lightsailActivation how long a deployment stays ACTIVATING before its container starts
 * @param lightsailPullerRole how long a new service's ECR puller role takes to show its principal
 *     (IAM knows it half as long again later)
 * @param planetScalePhase the duration of each deploy request phase
 * @param operatorPoll how often the operator looks while something moves
 * @param operatorResync how often it looks in steady state
 * @param containerStartup how long a bookings-api container may take to pass its health check
 * @param storyStep how long the story waits for one step before it fails
 */
public record SandboxTimings(
    Duration lightsailServiceReady,
    Duration lightsailActivation,
    Duration lightsailPullerRole,
    Duration planetScalePhase,
    Duration operatorPoll,
    Duration operatorResync,
    Duration containerStartup,
    Duration storyStep) {

  /** For people watching: every phase lasts long enough to be seen in the output. */
  public static SandboxTimings interactive() {
    return new SandboxTimings(
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(4),
        Duration.ofMillis(400),
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        Duration.ofSeconds(90),
        Duration.ofMinutes(3));
  }

  /** For tests: the clouds move almost at once; the containers' JVM start-up dominates. */
  public static SandboxTimings fast() {
    return new SandboxTimings(
        Duration.ofMillis(100),
        Duration.ofMillis(100),
        Duration.ofMillis(200),
        Duration.ofMillis(40),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        Duration.ofSeconds(90),
        Duration.ofMinutes(2));
  }
}
