package dev.durable.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One journaled operation as the service keeps it (reference §2.3). Immutable: the service replaces
 * the record on every change.
 *
 * @param id deterministic id, 1..64 chars of {@code [a-zA-Z0-9_-]}
 * @param parentId id of the enclosing CONTEXT operation, or null at the root
 * @param name optional name, 1..256 printable ASCII characters
 * @param type the operation type
 * @param subType the SDK-level kind, e.g. {@code Step}, {@code Map}, {@code WaitForCallback}
 * @param status the current status
 * @param startTimestamp when the service first saw the operation
 * @param endTimestamp when it reached a terminal status, else null
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Operation(
    String id,
    String parentId,
    String name,
    OperationType type,
    String subType,
    OperationStatus status,
    Instant startTimestamp,
    Instant endTimestamp,
    OperationDetails.Execution executionDetails,
    OperationDetails.Context contextDetails,
    OperationDetails.Step stepDetails,
    OperationDetails.Wait waitDetails,
    OperationDetails.Callback callbackDetails,
    OperationDetails.ChainedInvoke chainedInvokeDetails) {

  /** A copy with another status and end timestamp. */
  public Operation withStatus(OperationStatus newStatus, Instant end) {
    return new Operation(id, parentId, name, type, subType, newStatus, startTimestamp, end,
        executionDetails, contextDetails, stepDetails, waitDetails, callbackDetails,
        chainedInvokeDetails);
  }

  /** A copy with other step details. */
  public Operation withStepDetails(OperationDetails.Step details) {
    return new Operation(id, parentId, name, type, subType, status, startTimestamp, endTimestamp,
        executionDetails, contextDetails, details, waitDetails, callbackDetails,
        chainedInvokeDetails);
  }

  /** A copy with other context details. */
  public Operation withContextDetails(OperationDetails.Context details) {
    return new Operation(id, parentId, name, type, subType, status, startTimestamp, endTimestamp,
        executionDetails, details, stepDetails, waitDetails, callbackDetails,
        chainedInvokeDetails);
  }

  /** A copy with other callback details. */
  public Operation withCallbackDetails(OperationDetails.Callback details) {
    return new Operation(id, parentId, name, type, subType, status, startTimestamp, endTimestamp,
        executionDetails, contextDetails, stepDetails, waitDetails, details, chainedInvokeDetails);
  }

  /** A copy with other chained-invoke details. */
  public Operation withChainedInvokeDetails(OperationDetails.ChainedInvoke details) {
    return new Operation(id, parentId, name, type, subType, status, startTimestamp, endTimestamp,
        executionDetails, contextDetails, stepDetails, waitDetails, callbackDetails, details);
  }

  /** The step attempt count, or 0 when there are no step details. */
  public int attempt() {
    return stepDetails == null ? 0 : stepDetails.attempt();
  }
}
