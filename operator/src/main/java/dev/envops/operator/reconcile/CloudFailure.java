package dev.envops.operator.reconcile;

import dev.envops.operator.metrics.CloudCallMetrics;
import dev.envops.operator.planetscale.PlanetScaleException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A failed pass described for status and events: a reason and a message naming the API and the
 * error code, never a request body.
 *
 * @param reason CloudThrottled, CloudUnavailable, CloudError or ReconcileError
 * @param message what failed
 * @param unexpected true for errors that are not the cloud's (bugs, Kubernetes API errors)
 */
record CloudFailure(String reason, String message, boolean unexpected) {

  static CloudFailure of(Exception e) {
    if (e instanceof AwsServiceException aws) {
      String api = CloudCallMetrics.lastFailedApi();
      String code = aws.awsErrorDetails() == null ? "error" : aws.awsErrorDetails().errorCode();
      String detail = api + " failed: " + code + " (HTTP " + aws.statusCode() + ")";
      if (aws.isThrottlingException()) {
        return new CloudFailure("CloudThrottled", detail, false);
      }
      if (aws.statusCode() >= 500) {
        return new CloudFailure("CloudUnavailable", detail, false);
      }
      String server = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
      return new CloudFailure("CloudError", detail + (server == null ? "" : ": " + server), false);
    }
    if (e instanceof PlanetScaleException ps) {
      String detail = "PlanetScale API failed: " + ps.getMessage();
      if (ps.status() == 429) {
        return new CloudFailure("CloudThrottled", detail, false);
      }
      return new CloudFailure(
          ps.isRetryable() ? "CloudUnavailable" : "CloudError", detail, false);
    }
    if (e instanceof SdkClientException) {
      return new CloudFailure(
          "CloudUnavailable",
          CloudCallMetrics.lastFailedApi() + " failed: " + e.getClass().getSimpleName(),
          false);
    }
    return new CloudFailure(
        "ReconcileError", e.getClass().getSimpleName() + ": " + e.getMessage(), true);
  }
}
