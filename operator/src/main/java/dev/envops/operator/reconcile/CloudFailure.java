package dev.envops.operator.reconcile;

import dev.envops.operator.aws.AwsFailure;
import dev.envops.operator.cloud.CloudCallException;
import dev.envops.operator.planetscale.PlanetScaleException;
import java.util.Optional;

/**
 * A failed pass described for status and events: a reason and a message naming the API and the
 * error code, never a request body.
 *
 * @param reason CloudThrottled, CloudUnavailable, CloudError, AssumeRoleFailed or ReconcileError
 * @param message what failed
 * @param unexpected true for errors that are not the cloud's (bugs, Kubernetes API errors)
 */
record CloudFailure(Reason reason, String message, boolean unexpected) {

  static CloudFailure of(Exception e) {
    Optional<CloudCallException> assumeRole = assumeRoleCause(e);
    if (assumeRole.isPresent()) {
      // The role's credentials could not be had: no Lightsail or ECR call was made.
      CloudCallException failed = assumeRole.get();
      String detail = failed.getMessage();
      if (failed.isThrottling() || failed.isServerSide()) {
        return new CloudFailure(
            failed.isThrottling() ? Reason.CLOUD_THROTTLED : Reason.CLOUD_UNAVAILABLE,
            detail,
            false);
      }
      return new CloudFailure(
          Reason.ASSUME_ROLE_FAILED,
          detail
              + (failed.detail() == null ? "" : ": " + failed.detail())
              + "; the role's trust policy must let the operator's principal assume it",
          false);
    }
    if (e instanceof PlanetScaleException ps) {
      String detail = "PlanetScale API failed: " + ps.getMessage();
      if (ps.status() == 429) {
        return new CloudFailure(Reason.CLOUD_THROTTLED, detail, false);
      }
      return new CloudFailure(
          ps.isRetryable() ? Reason.CLOUD_UNAVAILABLE : Reason.CLOUD_ERROR, detail, false);
    }
    if (e instanceof CloudCallException call) {
      String detail = call.getMessage();
      return switch (call.kind()) {
        case THROTTLED -> new CloudFailure(Reason.CLOUD_THROTTLED, detail, false);
        case SERVER, NETWORK -> new CloudFailure(Reason.CLOUD_UNAVAILABLE, detail, false);
        case CLIENT ->
            new CloudFailure(
                Reason.CLOUD_ERROR,
                detail + (call.detail() == null ? "" : ": " + call.detail()),
                false);
      };
    }
    return new CloudFailure(
        Reason.RECONCILE_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
  }

  /** The failed AssumeRole behind {@code e}: a call in another account may wrap it. */
  private static Optional<CloudCallException> assumeRoleCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CloudCallException call && AwsFailure.ASSUME_ROLE.equals(call.api())) {
        return Optional.of(call);
      }
    }
    return Optional.empty();
  }
}
