package dev.envops.operator.lightsail;

import dev.envops.operator.lightsail.ContainerServices.Seen;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One region's shared view of its container services: what was last seen of each and when, when
 * this operator last wrote to each, which are in motion, and the region-wide read in flight (at
 * most one is started for any demand it can answer).
 */
final class RegionView {

  private final String region;
  private final LightsailDeployments lightsail;
  private final Clock clock;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Map<String, Instant> writes = new ConcurrentHashMap<>();
  private final Set<String> moving = ConcurrentHashMap.newKeySet();
  private Listing listing;

  private record Listing(Instant start, CompletableFuture<Void> done) {}

  RegionView(String region, LightsailDeployments lightsail, Clock clock) {
    this.region = region;
    this.lightsail = lightsail;
    this.clock = clock;
  }

  /**
   * The oldest read that can stand for {@code name} now: not before {@code oldest}, nor a write.
   */
  Instant notBefore(String name, Instant oldest) {
    Instant written = writes.get(name);
    if (written == null || written.isBefore(oldest)) {
      return oldest;
    }
    // Strictly after the write's end: a read started in the same clock tick may predate it.
    return written == Instant.MAX ? written : written.plusNanos(1);
  }

  Optional<Seen> seen(String name, Instant notBefore) {
    Seen s = seen.get(name);
    return s != null && !s.readAt().isBefore(notBefore) ? Optional.of(s) : Optional.empty();
  }

  /** How many services of the region are in motion (written or not at rest when last seen). */
  int moving() {
    return moving.size();
  }

  boolean isMoving(String name) {
    return moving.contains(name);
  }

  /** The answer of a region-wide read already in flight that started late enough, if any. */
  Optional<Seen> joinListing(Instant notBefore, String name) {
    Listing inFlight;
    synchronized (this) {
      inFlight = listing;
    }
    if (inFlight == null || inFlight.start().isBefore(notBefore)) {
      return Optional.empty();
    }
    return Optional.of(await(inFlight, name));
  }

  /** {@code name} as a region-wide read started at or after {@code notBefore} has it. */
  Seen listed(Instant notBefore, String name) {
    Listing mine;
    boolean owner = false;
    synchronized (this) {
      if (listing != null && !listing.start().isBefore(notBefore)) {
        mine = listing;
      } else {
        mine = new Listing(clock.instant(), new CompletableFuture<>());
        listing = mine;
        owner = true;
      }
    }
    if (owner) {
      try {
        apply(mine.start(), lightsail.list(region));
        mine.done().complete(null);
      } catch (RuntimeException e) {
        mine.done().completeExceptionally(e);
      } finally {
        synchronized (this) {
          if (listing == mine) {
            listing = null;
          }
        }
      }
    }
    return await(mine, name);
  }

  /** Keeps {@code s} unless a newer read of the service is already kept. */
  void record(String name, Seen s) {
    Seen kept = seen.merge(name, s, (old, neu) -> neu.readAt().isBefore(old.readAt()) ? old : neu);
    Instant written = writes.get(name);
    if (kept.atRest() && (written == null || kept.readAt().isAfter(written))) {
      moving.remove(name);
    } else {
      moving.add(name);
    }
  }

  /** Runs a write to {@code name}: no read from before its end stands for the state after it. */
  <T> T writing(String name, Supplier<T> call) {
    writes.put(name, Instant.MAX);
    moving.add(name);
    try {
      return call.get();
    } finally {
      writes.put(name, clock.instant());
    }
  }

  private void apply(Instant start, List<ServiceState> services) {
    Set<String> absent = new HashSet<>(seen.keySet());
    for (ServiceState service : services) {
      absent.remove(service.name());
      record(service.name(), new Seen(Optional.of(service), start));
    }
    absent.forEach(name -> record(name, new Seen(Optional.empty(), start)));
  }

  private Seen await(Listing listing, String name) {
    try {
      listing.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    return seen(name, listing.start())
        .orElseGet(
            () -> {
              // Not in the region's list: absent as of that read.
              Seen none = new Seen(Optional.empty(), listing.start());
              record(name, none);
              return none;
            });
  }
}
