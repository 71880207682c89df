package dev.durable.core.service;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Instant;

/**
 * An operation plus the service-side bookkeeping that is not part of the wire model.
 *
 * @param operation the operation as the handler sees it
 * @param startSeq position in start order (1-based), fixes the order of {@code getState}
 * @param changeSeq the execution's change counter when this operation last changed
 * @param timeoutAt callback: when it times out; null if no timeout
 * @param heartbeatAt callback: when it times out for lack of a heartbeat; null if none
 * @param heartbeatSeconds callback: the heartbeat timeout in seconds, 0 if none
 * @param childExecutionId chained invoke: the execution started for it, if any
 */
public record OperationRecord(
    Operation operation,
    long startSeq,
    long changeSeq,
    Instant timeoutAt,
    Instant heartbeatAt,
    int heartbeatSeconds,
    String childExecutionId) {

  /** True for a CHAINED_INVOKE that is STARTED and has no child execution yet. */
  public boolean isPendingInvoke() {
    return operation.type() == OperationType.CHAINED_INVOKE
        && operation.status() == OperationStatus.STARTED
        && childExecutionId == null;
  }
}
