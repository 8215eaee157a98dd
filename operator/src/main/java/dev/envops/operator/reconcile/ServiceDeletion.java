package dev.envops.operator.reconcile;

import dev.envops.operator.accounts.CloudAccounts;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.events.EventRecorder;
import dev.envops.operator.lightsail.ServiceState;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Map;
import java.util.Optional;

/**
 * Before the steps of a pass: with {@code deletionPolicy: Delete} a finalizer makes deleting the
 * Environment delete its container service; with Retain (the default) there is no finalizer at all.
 * A service the operator created for another Environment (its tag says so) is never deleted, nor is
 * a name no service can have looked up.
 */
public final class ServiceDeletion {

  /** The finalizer, present only on Environments with deletionPolicy Delete. */
  public static final String FINALIZER = "envops.dev/delete-container-service";

  private final CloudAccounts accounts;
  private final EventRecorder events;
  private final ServiceClaims claims;

  public ServiceDeletion(
      CloudAccounts accounts, EventRecorder events, Map<String, String> namespaceRoles) {
    this.accounts = accounts;
    this.events = events;
    this.claims = new ServiceClaims(namespaceRoles);
  }

  /**
   * Adds or removes the finalizer to match the deletion policy.
   *
   * @return true when the resource was changed
   */
  public boolean syncFinalizer(Environment env, Context<Environment> context) {
    boolean wanted =
        env.getSpec() != null
            && env.getSpec().getLightsail() != null
            && env.getSpec().getLightsail().deletesService();
    if (wanted && !env.hasFinalizer(FINALIZER)) {
      PrimaryUpdateAndCacheUtils.addFinalizer(context.getClient(), env, FINALIZER);
      return true;
    }
    if (!wanted && env.hasFinalizer(FINALIZER)) {
      PrimaryUpdateAndCacheUtils.removeFinalizer(context.getClient(), env, FINALIZER);
      return true;
    }
    return false;
  }

  /** Deletes the container service, then lets Kubernetes delete the Environment. */
  public void onDeletion(Environment env, Context<Environment> context, EnvironmentLookup others) {
    if (!env.hasFinalizer(FINALIZER)) {
      return;
    }
    LightsailSpec spec = env.getSpec() == null ? null : env.getSpec().getLightsail();
    Optional<Environment> holder = claims.holder(env, others.namingTheServiceOf(env));
    if (holder.isPresent()) {
      Reason.SERVICE_KEPT.record(
          events,
          env,
          "container service "
              + spec.getServiceName()
              + " belongs to Environment "
              + holder.get().getMetadata().getNamespace()
              + "/"
              + holder.get().getMetadata().getName()
              + ": not deleted");
    } else if (spec != null && SpecValidator.namesAService(spec)) {
      deleteIfOwned(env, spec);
    }
    PrimaryUpdateAndCacheUtils.removeFinalizer(context.getClient(), env, FINALIZER);
  }

  private void deleteIfOwned(Environment env, LightsailSpec spec) {
    String name = spec.getServiceName();
    Optional<ServiceState> service =
        accounts.of(env).services().current(spec.getRegion(), name).service();
    Optional<String> owner = service.flatMap(s -> s.tag(ServiceOwnerTags.MANAGED_BY_TAG));
    if (service.isEmpty()) {
      Reason.SERVICE_DELETED.record(events, env, "container service " + name + " was already gone");
    } else if (owner.isPresent() && !ServiceOwnerTags.owns(owner.get(), env)) {
      Reason.SERVICE_KEPT.record(
          events,
          env,
          "container service "
              + name
              + " was created for Environment "
              + readableOwner(service.get()).orElse(owner.get())
              + " (tag "
              + ServiceOwnerTags.MANAGED_BY_TAG
              + "): not deleted");
    } else {
      boolean existed = accounts.of(env).services().delete(spec.getRegion(), name);
      Reason.SERVICE_DELETED.record(
          events,
          env,
          existed
              ? "deleted container service " + name + " (deletionPolicy: Delete)"
              : "container service " + name + " was already gone");
    }
  }

  /** {@code namespace/name} from the readable tags, when the service carries them. */
  private static Optional<String> readableOwner(ServiceState service) {
    Optional<String> namespace = service.tag(ServiceOwnerTags.NAMESPACE_TAG);
    Optional<String> name = service.tag(ServiceOwnerTags.NAME_TAG);
    return namespace.isPresent() && name.isPresent()
        ? Optional.of(namespace.get() + "/" + name.get())
        : Optional.empty();
  }
}
