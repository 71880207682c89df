package dev.durable.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One change the handler asks the service to record (reference §2.4). Sent in checkpoint batches.
 *
 * @param id the operation id
 * @param parentId the enclosing CONTEXT operation's id, or null at the root
 * @param name the operation's name (sent with every update of the operation)
 * @param type the operation type
 * @param subType the SDK-level kind
 * @param action what to do
 * @param payload serialized result (SUCCEED), state (RETRY of a condition) or input (invoke START)
 * @param error the error (FAIL, RETRY)
 * @param options the type-specific options, or null
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationUpdate(
    String id,
    String parentId,
    String name,
    OperationType type,
    String subType,
    OperationAction action,
    String payload,
    ErrorObject error,
    Options options) {

  /**
   * Type-specific options of an update; only the member matching the type is set.
   *
   * @param replayChildren CONTEXT: the result is too large and is rebuilt from the children
   * @param nextAttemptDelaySeconds STEP RETRY: seconds until the next attempt, 1..31,622,400
   * @param waitSeconds WAIT START: seconds to wait, 1..31,622,400
   * @param callbackTimeoutSeconds CALLBACK START: overall timeout, 0 = none
   * @param callbackHeartbeatTimeoutSeconds CALLBACK START: heartbeat timeout, 0 = none
   * @param functionName CHAINED_INVOKE START: the function to invoke
   * @param tenantId CHAINED_INVOKE START: optional tenant id
   */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Options(
      Boolean replayChildren,
      Integer nextAttemptDelaySeconds,
      Integer waitSeconds,
      Integer callbackTimeoutSeconds,
      Integer callbackHeartbeatTimeoutSeconds,
      String functionName,
      String tenantId) {

    /** Options for a step RETRY. */
    public static Options retryAfter(int seconds) {
      return new Options(null, seconds, null, null, null, null, null);
    }

    /** Options for a WAIT START. */
    public static Options waitFor(int seconds) {
      return new Options(null, null, seconds, null, null, null, null);
    }

    /** Options for a CALLBACK START. */
    public static Options callback(int timeoutSeconds, int heartbeatTimeoutSeconds) {
      return new Options(null, null, null, timeoutSeconds, heartbeatTimeoutSeconds, null, null);
    }

    /** Options for a CONTEXT SUCCEED whose result is rebuilt by replaying its children. */
    public static Options replayingChildren() {
      return new Options(true, null, null, null, null, null, null);
    }

    /** Options for a CHAINED_INVOKE START. */
    public static Options invoke(String functionName, String tenantId) {
      return new Options(null, null, null, null, null, functionName, tenantId);
    }
  }
}
