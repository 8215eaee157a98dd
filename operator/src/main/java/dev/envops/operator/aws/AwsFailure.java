package dev.envops.operator.aws;

import dev.envops.operator.cloud.CloudCallException;
import dev.envops.operator.cloud.CloudCallException.Kind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/** Names a failed AWS SDK call: the adapters throw what {@link #of} makes of the SDK's error. */
public final class AwsFailure {

  /** The only STS call: the SDK's credentials provider makes it for a call in another account. */
  public static final String ASSUME_ROLE = "sts:AssumeRole";

  private AwsFailure() {}

  /**
   * {@code e} as a {@link CloudCallException} of {@code api} ({@code
   * lightsail:GetContainerServices} for example), or of {@value #ASSUME_ROLE} when the call failed
   * because the role's credentials could not be had; an SDK error that is neither a service's
   * answer nor a client-side failure is returned as it is.
   */
  public static RuntimeException of(String api, SdkException e) {
    StsException sts = stsCause(e);
    if (sts != null) {
      return service(ASSUME_ROLE, sts, e);
    }
    if (e instanceof AwsServiceException aws) {
      return service(api, aws, aws);
    }
    if (e instanceof SdkClientException) {
      String name = e.getClass().getSimpleName();
      return new CloudCallException(api, name, 0, Kind.NETWORK, null, api + " failed: " + name, e);
    }
    return e;
  }

  private static CloudCallException service(
      String api, AwsServiceException failed, SdkException cause) {
    String code = failed.awsErrorDetails() == null ? "error" : failed.awsErrorDetails().errorCode();
    String detail =
        failed.awsErrorDetails() == null ? null : failed.awsErrorDetails().errorMessage();
    Kind kind =
        failed.isThrottlingException()
            ? Kind.THROTTLED
            : failed.statusCode() >= 500 ? Kind.SERVER : Kind.CLIENT;
    return new CloudCallException(
        api,
        code,
        failed.statusCode(),
        kind,
        detail,
        api + " failed: " + code + " (HTTP " + failed.statusCode() + ")",
        cause);
  }

  /** The STS error behind {@code e}: the SDK may wrap it when credentials cannot be loaded. */
  private static StsException stsCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StsException sts) {
        return sts;
      }
    }
    return null;
  }
}
