package dev.envops.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envops.sandbox.fault.Faults;
import java.util.List;
import java.util.Map;

/**
 * One simulated AWS JSON 1.1 service: records calls, applies injected faults, then answers the
 * operation named after the {@code X-Amz-Target} prefix.
 */
public abstract class AwsJsonService {

  private final String targetPrefix;
  private final Faults faults = new Faults();
  private final CallLog callLog = new CallLog();
  private volatile int throttleStatus = 400;
  private volatile int serverErrorStatus = 500;

  protected AwsJsonService(String targetPrefix) {
    this.targetPrefix = targetPrefix;
  }

  /** The {@code X-Amz-Target} prefix this service answers, e.g. {@code Lightsail_20161128}. */
  public final String targetPrefix() {
    return targetPrefix;
  }

  /** Fault knobs for this service only. */
  public final Faults faults() {
    return faults;
  }

  /** HTTP status of injected {@code ThrottlingException}s: 400 (default, as AWS JSON) or 429. */
  public final void throttleStatus(int status) {
    this.throttleStatus = status;
  }

  /** HTTP status of injected server errors: 500 (default) or e.g. 503. */
  public final void serverErrorStatus(int status) {
    this.serverErrorStatus = status;
  }

  /** How many calls of {@code operation} arrived, including those answered with a fault. */
  public final int callCount(String operation) {
    return callLog.count(operation);
  }

  /** Every call received, in arrival order. */
  public final List<String> calls() {
    return callLog.calls();
  }

  public final void resetCalls() {
    callLog.reset();
    callsReset();
  }

  /** Clears whatever else a service counts about its calls (nothing by default). */
  protected void callsReset() {}

  /** The modeled 5xx exception type, e.g. {@code ServiceException}. */
  protected abstract String serverErrorType();

  /** Members an error body carries beside {@code __type} and {@code message} (none by default). */
  protected Map<String, String> errorFields(AwsErrorException error) {
    return Map.of();
  }

  /** Answers one operation; throws {@link AwsErrorException} for modeled errors. */
  protected abstract JsonNode handle(AwsCall call);

  final JsonNode dispatch(AwsCall call) {
    callLog.record(call.operation());
    switch (faults.beforeCall()) {
      case THROTTLE ->
          throw new AwsErrorException("ThrottlingException", throttleStatus, "Rate exceeded");
      case SERVER_ERROR ->
          throw new AwsErrorException(
              serverErrorType(), serverErrorStatus, "Injected server error");
      case PROCEED -> {}
    }
    JsonNode result = handle(call);
    try {
      faults.afterCall(call.operation());
    } catch (RuntimeException e) {
      // A throwing hook simulates a response lost after the call took effect.
      throw new ResponseDropped(e);
    }
    return result;
  }

  /** Signals the HTTP layer to close the connection without answering. */
  static final class ResponseDropped extends RuntimeException {
    ResponseDropped(Throwable cause) {
      super(cause);
    }
  }
}
