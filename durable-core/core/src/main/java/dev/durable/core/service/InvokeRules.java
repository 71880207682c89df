package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chained invokes (reference §1.10 "invoke"): a CHAINED_INVOKE operation waits for a target
 * execution; the target's end completes the operation with SUCCEEDED, FAILED, TIMED_OUT or STOPPED
 * and the caller is invoked again.
 */
final class InvokeRules {
  private InvokeRules() {}

  /** The execution's chained invokes whose target is not started yet. */
  static List<PendingInvoke> pending(LiveExecution x) {
    List<PendingInvoke> out = new ArrayList<>();
    if (x.status != ExecutionStatus.RUNNING) {
      return out;
    }
    for (Map.Entry<String, LiveExecution.InvokeRequest> e : x.pendingInvokes().entrySet()) {
      out.add(new PendingInvoke(x.arn, e.getKey(), e.getValue().functionName(),
          e.getValue().payload()));
    }
    return out;
  }

  /** The CHAINED_INVOKE operation {@code opId}, or an invalid-parameter error. */
  static OperationRecord requireInvoke(LiveExecution x, String opId) {
    OperationRecord rec = opId == null ? null : x.op(opId);
    if (rec == null || rec.operation().type() != OperationType.CHAINED_INVOKE) {
      throw invalid("Execution " + x.arn + " has no CHAINED_INVOKE operation '" + opId + "'.");
    }
    return rec;
  }

  /**
   * Records {@code childId} as the target of the operation. Idempotent; an operation that already
   * ended (completed by hand, or by the child in a race) is left alone.
   */
  static void link(LiveExecution x, String opId, String childId) {
    OperationRecord rec = requireInvoke(x, opId);
    if (childId.equals(rec.childExecutionId())
        || rec.operation().status() != OperationStatus.STARTED) {
      return;
    }
    if (rec.childExecutionId() != null) {
      throw invalid("Chained invoke '" + opId + "' of execution " + x.arn
          + " already targets execution " + rec.childExecutionId() + '.');
    }
    x.replaceBookkeeping(new OperationRecord(rec.operation(), rec.startSeq(), rec.changeSeq(),
        rec.timeoutAt(), rec.heartbeatAt(), rec.heartbeatSeconds(), childId));
  }

  /** Delivers a child execution's end to the parent's operation; stale notices are ignored. */
  static void childClosed(LiveExecution x, LiveExecution.ParentNotice n, Instant now) {
    if (x.status != ExecutionStatus.RUNNING) {
      return;
    }
    OperationRecord rec = x.op(n.parentOperationId());
    if (rec == null || rec.operation().type() != OperationType.CHAINED_INVOKE
        || rec.operation().status() != OperationStatus.STARTED
        || (rec.childExecutionId() != null
            && !rec.childExecutionId().equals(n.childExecutionId()))) {
      return;
    }
    OperationStatus status = OperationStatus.valueOf(n.status().name());
    complete(x, rec, status, n.result(), n.error(), now);
  }

  /** Completes a STARTED chained invoke by hand (test kits without a target function). */
  static void completeByHand(LiveExecution x, String opId, OperationStatus status, String result,
      ErrorObject error, Instant now) {
    OperationRecord rec = requireInvoke(x, opId);
    if (rec.operation().status() != OperationStatus.STARTED) {
      throw invalid("Chained invoke '" + opId + "' of execution " + x.arn
          + " is already closed (" + rec.operation().status() + ").");
    }
    if (x.status != ExecutionStatus.RUNNING) {
      throw invalid("Execution " + x.arn + " is closed (" + x.status + ").");
    }
    complete(x, rec, status, result, error, now);
  }

  private static void complete(LiveExecution x, OperationRecord rec, OperationStatus status,
      String result, ErrorObject error, Instant now) {
    ErrorObject e = status == OperationStatus.SUCCEEDED ? null
        : error != null ? error : defaultError(status);
    Operation done = rec.operation().withStatus(status, now)
        .withChainedInvokeDetails(new OperationDetails.ChainedInvoke(
            status == OperationStatus.SUCCEEDED ? result : null, e));
    x.upsert(done);
    switch (status) {
      case SUCCEEDED -> HistoryRecorder.opPayload(x, "ChainedInvokeSucceeded", done, now, result);
      case FAILED -> HistoryRecorder.opError(x, "ChainedInvokeFailed", done, now, e);
      case TIMED_OUT -> HistoryRecorder.opError(x, "ChainedInvokeTimedOut", done, now, e);
      default -> HistoryRecorder.opError(x, "ChainedInvokeStopped", done, now, e);
    }
    CallbackRules.requestInvocation(x);
  }

  private static ErrorObject defaultError(OperationStatus status) {
    return switch (status) {
      case TIMED_OUT -> ErrorObject.of("Execution.Timeout", "The invoked execution timed out.");
      case STOPPED -> ErrorObject.of("Execution.Stopped", "The invoked execution was stopped.");
      default -> ErrorObject.of("Execution.Failed", "The invoked execution failed.");
    };
  }
}
