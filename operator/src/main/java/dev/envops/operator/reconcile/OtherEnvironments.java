package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Environments a reconcile reads besides its own (the promotion source it is gated on, the
 * others naming its container service), and the re-triggering of the ones a change to another
 * concerns. Unsharded, the primary cache already holds every watched Environment: its events are
 * passed on and it is read directly. A shard ({@code ENVOPS_LABEL_SELECTOR}) caches one part of the
 * fleet only, so it watches every Environment a second time for sources in other shards.
 */
final class OtherEnvironments {

  /** Name of the event source that passes changes to other Environments on. */
  static final String NAME = "promotion-sources";

  /** Index of the primary cache: the promotion source each Environment is gated on. */
  private static final String GATE_INDEX = "promotion-source";

  private final ServiceClaims claims;
  private final boolean sharded;

  OtherEnvironments(ServiceClaims claims, boolean sharded) {
    this.claims = claims;
    this.sharded = sharded;
  }

  /**
   * The event source that re-triggers, on any change to an Environment, the ones gated on it and
   * the ones created after it naming the same container service (the next in line takes the service
   * over once it is deleted; the holder itself is not disturbed by a newcomer). Both through
   * indexes: a scan of the fleet per event made this and the service check 35% of the operator's
   * CPU at 1,000 Environments.
   */
  EventSource<?, Environment> eventSource(EventSourceContext<Environment> context) {
    var primaries = context.getPrimaryCache();
    primaries.addIndexers(
        Map.of(GATE_INDEX, OtherEnvironments::gateKeys, ServiceClaims.INDEX, claims::keys));
    if (!sharded) {
      return new PrimaryEvents(changed -> concerned(changed, primaries));
    }
    var config =
        InformerEventSourceConfiguration.from(Environment.class, Environment.class)
            .withName(NAME)
            .withItemStore(LeanCache.store())
            .withSecondaryToPrimaryMapper(changed -> concerned(changed, primaries))
            .build();
    var all = new InformerEventSource<>(config, context);
    all.addIndexers(Map.of(ServiceClaims.INDEX, claims::keys));
    return all;
  }

  /** Where {@code context}'s reconcile reads other Environments from. */
  @SuppressWarnings("unchecked")
  EnvironmentLookup lookup(Context<Environment> context) {
    if (!sharded) {
      return lookup(context.getPrimaryCache());
    }
    return lookup(
        (InformerEventSource<Environment, Environment>)
            context.eventSourceRetriever().getEventSourceFor(Environment.class, NAME));
  }

  private EnvironmentLookup lookup(IndexedResourceCache<Environment> cache) {
    return new EnvironmentLookup() {
      @Override
      public Optional<Environment> get(String namespace, String name) {
        return cache.get(new ResourceID(name, namespace));
      }

      @Override
      public List<Environment> namingTheServiceOf(Environment env) {
        List<String> keys = claims.keys(env);
        return keys.isEmpty() ? List.of() : cache.byIndex(ServiceClaims.INDEX, keys.get(0));
      }
    };
  }

  /** The reconciled Environments a change to {@code changed} may move. */
  private Set<ResourceID> concerned(
      Environment changed, IndexedResourceCache<Environment> primaries) {
    Set<ResourceID> triggered = new HashSet<>();
    primaries
        .byIndex(
            GATE_INDEX,
            changed.getMetadata().getNamespace() + "/" + changed.getMetadata().getName())
        .forEach(env -> triggered.add(ResourceID.fromResource(env)));
    for (String key : claims.keys(changed)) {
      primaries.byIndex(ServiceClaims.INDEX, key).stream()
          .filter(env -> claims.nextInLine(env, changed))
          .forEach(env -> triggered.add(ResourceID.fromResource(env)));
    }
    return triggered;
  }

  /** The index key of the promotion source {@code env} is gated on: {@code namespace/name}. */
  private static List<String> gateKeys(Environment env) {
    var spec = env.getSpec();
    if (spec == null
        || spec.getPromotion() == null
        || spec.getPromotion().getRequireReadyIn() == null
        || spec.getPromotion().getRequireReadyIn().equals(env.getMetadata().getName())) {
      return List.of();
    }
    return List.of(
        env.getMetadata().getNamespace() + "/" + spec.getPromotion().getRequireReadyIn());
  }

  /**
   * Passes the primary informer's events on to the Environments they concern: the events JOSDK
   * hands every {@link ResourceEventAware} source before its own filters, status changes included.
   */
  private static final class PrimaryEvents extends SimpleInboundEventSource<Environment>
      implements ResourceEventAware<Environment> {

    private final Function<Environment, Set<ResourceID>> concerned;

    PrimaryEvents(Function<Environment, Set<ResourceID>> concerned) {
      super(NAME);
      this.concerned = concerned;
    }

    @Override
    public void onResourceCreated(Environment resource) {
      passOn(resource);
    }

    @Override
    public void onResourceUpdated(Environment newResource, Environment oldResource) {
      passOn(newResource);
    }

    @Override
    public void onResourceDeleted(Environment resource) {
      passOn(resource);
    }

    private void passOn(Environment changed) {
      concerned.apply(changed).forEach(this::propagateEvent);
    }
  }
}
