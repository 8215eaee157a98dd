package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.events.EventRecorder;
import dev.envops.operator.lightsail.LightsailDeployments;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Step 8: with {@code deletionPolicy: Delete} a finalizer makes deleting the Environment delete its
 * container service; with Retain (the default) there is no finalizer at all.
 */
public final class ServiceDeletion {

  /** The finalizer, present only on Environments with deletionPolicy Delete. */
  public static final String FINALIZER = "envops.dev/delete-container-service";

  private final LightsailDeployments lightsail;
  private final EventRecorder events;

  public ServiceDeletion(LightsailDeployments lightsail, EventRecorder events) {
    this.lightsail = lightsail;
    this.events = events;
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
  public void onDeletion(Environment env, Context<Environment> context) {
    if (!env.hasFinalizer(FINALIZER)) {
      return;
    }
    LightsailSpec spec = env.getSpec() == null ? null : env.getSpec().getLightsail();
    if (spec != null && spec.getRegion() != null && spec.getServiceName() != null) {
      boolean existed = lightsail.delete(spec.getRegion(), spec.getServiceName());
      events.record(
          env,
          "Normal",
          "ServiceDeleted",
          existed
              ? "deleted container service " + spec.getServiceName() + " (deletionPolicy: Delete)"
              : "container service " + spec.getServiceName() + " was already gone");
    }
    PrimaryUpdateAndCacheUtils.removeFinalizer(context.getClient(), env, FINALIZER);
  }
}
