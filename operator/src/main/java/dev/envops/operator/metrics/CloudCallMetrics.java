package dev.envops.operator.metrics;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts every AWS SDK call (after the SDK's own retries) by API and outcome. */
public final class CloudCallMetrics implements ExecutionInterceptor {

  private final OperatorMetrics metrics;
  private final String service;

  public CloudCallMetrics(OperatorMetrics metrics, String service) {
    this.metrics = metrics;
    this.service = service;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    metrics.cloudCall(api(attributes), "success");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    metrics.cloudCall(api(attributes), outcome(context.exception()));
  }

  private String api(ExecutionAttributes attributes) {
    return service + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  /** throttled, server_error, not_found, client_error or network_error. */
  public static String outcome(Throwable error) {
    if (error instanceof AwsServiceException e) {
      if (e.isThrottlingException()) {
        return "throttled";
      }
      if (e.statusCode() >= 500) {
        return "server_error";
      }
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      return code != null && code.contains("NotFound") ? "not_found" : "client_error";
    }
    return "network_error";
  }
}
