package dev.envops.operator.reconcile;

import dev.envops.operator.metrics.CloudCallMetrics;
import dev.envops.operator.planetscale.PlanetScaleException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.StsException;

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
    Optional<StsException> sts = stsCause(e);
    if (sts.isPresent()) {
      // The role's credentials could not be had: no Lightsail or ECR call was made.
      StsException failed = sts.get();
      String code =
          failed.awsErrorDetails() == null ? "error" : failed.awsErrorDetails().errorCode();
      String server =
          failed.awsErrorDetails() == null ? null : failed.awsErrorDetails().errorMessage();
      if (failed.isThrottlingException() || failed.statusCode() >= 500) {
        return new CloudFailure(
            failed.isThrottlingException() ? Reason.CLOUD_THROTTLED : Reason.CLOUD_UNAVAILABLE,
            "sts:AssumeRole failed: " + code + " (HTTP " + failed.statusCode() + ")",
            false);
      }
      return new CloudFailure(
          Reason.ASSUME_ROLE_FAILED,
          "sts:AssumeRole failed: "
              + code
              + " (HTTP "
              + failed.statusCode()
              + ")"
              + (server == null ? "" : ": " + server)
              + "; the role's trust policy must let the operator's principal assume it",
          false);
    }
    if (e instanceof AwsServiceException aws) {
      String api = CloudCallMetrics.lastFailedApi();
      String code = aws.awsErrorDetails() == null ? "error" : aws.awsErrorDetails().errorCode();
      String detail = api + " failed: " + code + " (HTTP " + aws.statusCode() + ")";
      if (aws.isThrottlingException()) {
        return new CloudFailure(Reason.CLOUD_THROTTLED, detail, false);
      }
      if (aws.statusCode() >= 500) {
        return new CloudFailure(Reason.CLOUD_UNAVAILABLE, detail, false);
      }
      String server = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
      return new CloudFailure(
          Reason.CLOUD_ERROR, detail + (server == null ? "" : ": " + server), false);
    }
    if (e instanceof PlanetScaleException ps) {
      String detail = "PlanetScale API failed: " + ps.getMessage();
      if (ps.status() == 429) {
        return new CloudFailure(Reason.CLOUD_THROTTLED, detail, false);
      }
      return new CloudFailure(
          ps.isRetryable() ? Reason.CLOUD_UNAVAILABLE : Reason.CLOUD_ERROR, detail, false);
    }
    if (e instanceof SdkClientException) {
      return new CloudFailure(
          Reason.CLOUD_UNAVAILABLE,
          CloudCallMetrics.lastFailedApi() + " failed: " + e.getClass().getSimpleName(),
          false);
    }
    return new CloudFailure(
        Reason.RECONCILE_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
  }

  /** The STS error behind {@code e}: the SDK may wrap it when credentials cannot be loaded. */
  private static Optional<StsException> stsCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StsException sts) {
        return Optional.of(sts);
      }
    }
    return Optional.empty();
  }
}
