package dev.envops.operator.lightsail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container services as the steps see them, shared by every Environment. At rest, one
 * region-wide {@code GetContainerServices} per resync answers every Environment of the region; a
 * service that moves, or is about to be written, is read again (by name, or by one region-wide read
 * shared with the other services moving there). Every write goes through here, so no answer that
 * may predate a write stands for the state after it.
 */
public final class ContainerServices implements ContainerServicePort {

  /** With this many services of a region in motion, one region-wide read serves them all. */
  static final int SHARED_READ_THRESHOLD = 2;

  private final LightsailDeployments lightsail;
  private final Clock clock;
  private final Duration steadyAge;
  private final Duration currentAge;
  private final Map<String, RegionView> regions = new ConcurrentHashMap<>();
  private final FailedDeployments failed = new FailedDeployments();

  /**
   * @param steadyAge how old a region-wide answer may be for a service at rest (the resync period)
   * @param currentAge how old an answer may be for a service in motion or about to be written
   */
  public ContainerServices(
      LightsailDeployments lightsail, Clock clock, Duration steadyAge, Duration currentAge) {
    this.lightsail = lightsail;
    this.clock = clock;
    this.steadyAge = steadyAge;
    this.currentAge = currentAge;
  }

  /**
   * The service as the region's shared view has it (at most the resync period old, and never from
   * before this operator's last write to it). Good enough to find a service at rest; anything that
   * leads to a write or a wait must {@link #current} first.
   */
  @Override
  public Observation steady(String region, String name) {
    RegionView view = view(region);
    if (view.isMoving(name)) {
      return current(region, name);
    }
    Instant notBefore = view.notBefore(name, clock.instant().minus(steadyAge));
    Optional<Seen> seen = view.seen(name, notBefore);
    if (seen.isPresent()) {
      return new Observation(seen.get().service(), true);
    }
    return new Observation(view.listed(notBefore, name).service(), true);
  }

  /** The service read after this operator's last write to it and at most the poll interval ago. */
  @Override
  public Observation current(String region, String name) {
    RegionView view = view(region);
    Instant notBefore = view.notBefore(name, clock.instant().minus(currentAge));
    Optional<Seen> seen = view.seen(name, notBefore);
    if (seen.isPresent()) {
      return new Observation(seen.get().service(), false);
    }
    Optional<Seen> shared = view.joinListing(notBefore, name);
    if (shared.isPresent()) {
      return new Observation(shared.get().service(), false);
    }
    if (view.moving() >= SHARED_READ_THRESHOLD) {
      return new Observation(view.listed(notBefore, name).service(), false);
    }
    Instant start = clock.instant();
    Optional<ServiceState> service = lightsail.find(region, name);
    view.record(name, new Seen(service, start));
    return new Observation(service, false);
  }

  /** Creates the service with ECR pull access on. */
  @Override
  public ServiceState create(
      String region, String name, String power, int scale, Map<String, String> tags) {
    return view(region).writing(name, () -> lightsail.create(region, name, power, scale, tags));
  }

  /** Sets power, scale and ECR pull access of an existing service. */
  @Override
  public ServiceState update(String region, String name, String power, int scale) {
    return view(region).writing(name, () -> lightsail.update(region, name, power, scale));
  }

  /** Creates a deployment; the answer's nextDeployment is the new, activating one. */
  @Override
  public ServiceState deploy(String region, String name, DesiredDeployment desired) {
    // Before the call: an answer lost on the way back still leaves the attempt on record.
    failed.attempting(key(region, name), desired);
    return view(region).writing(name, () -> lightsail.deploy(region, name, desired));
  }

  /** Deletes the service; true when it existed. */
  @Override
  public boolean delete(String region, String name) {
    boolean existed = view(region).writing(name, () -> lightsail.delete(region, name));
    failed.forget(key(region, name));
    return existed;
  }

  /**
   * The newest deployment of exactly {@code desired} when it FAILED, newer than version {@code
   * servingVersion}. Reads the service's deployments only when a failed one of that revision can be
   * there: on the first look at the service since the operator started, or when this operator has
   * deployed that revision (or had a FAILED one listed) since.
   */
  @Override
  public Optional<FailedAttempt> failedAttempt(
      String region, String name, DesiredDeployment desired, int servingVersion) {
    String key = key(region, name);
    if (!failed.mayHold(key, desired)) {
      return Optional.empty();
    }
    List<DeploymentRecord> all = lightsail.deployments(region, name);
    failed.listed(key, all);
    List<DeploymentRecord> tries =
        all.stream().filter(desired::matches).filter(d -> d.version() > servingVersion).toList();
    int failedTries = (int) tries.stream().filter(DeploymentRecord::failed).count();
    return tries.stream()
        .findFirst()
        .filter(DeploymentRecord::failed)
        .map(d -> new FailedAttempt(d, failedTries));
  }

  private RegionView view(String region) {
    return regions.computeIfAbsent(region, r -> new RegionView(r, lightsail, clock));
  }

  private static String key(String region, String name) {
    return region + "/" + name;
  }

  /** A service as read at {@code readAt} (the start of the request); empty when absent. */
  record Seen(Optional<ServiceState> service, Instant readAt) {

    /** Nothing in motion: settled, no deployment activating, the current one ACTIVE. */
    boolean atRest() {
      return service
          .map(
              s ->
                  s.nextDeployment() == null
                      && s.settled()
                      && (s.currentDeployment() == null || s.currentDeployment().active()))
          .orElse(true);
    }
  }
}
