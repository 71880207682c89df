package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import java.time.Instant;

/**
 * SendDurableExecutionCallbackSuccess / Failure / Heartbeat (reference §2.7): an external system
 * completes or keeps alive a CALLBACK operation by its callback id.
 */
final class CallbackRules {
  private CallbackRules() {}

  /** Completes the callback with a result; the handler is invoked again. */
  static void succeed(LiveExecution x, String callbackId, String result, Instant now) {
    int bytes = Limits.utf8Length(result);
    if (bytes > Limits.MAX_CALLBACK_RESULT_BYTES) {
      throw invalid("Callback result is " + bytes + " bytes, over the limit of "
          + Limits.MAX_CALLBACK_RESULT_BYTES + " bytes.");
    }
    OperationRecord rec = requireOpen(x, callbackId, now);
    Operation done = rec.operation().withStatus(OperationStatus.SUCCEEDED, now)
        .withCallbackDetails(new OperationDetails.Callback(callbackId, result, null));
    x.upsert(done);
    HistoryRecorder.opPayload(x, "CallbackSucceeded", done, now, result);
    requestInvocation(x);
  }

  /** Fails the callback with an error; the handler is invoked again. */
  static void fail(LiveExecution x, String callbackId, ErrorObject error, Instant now) {
    ErrorObject e = error != null ? error
        : ErrorObject.of("Callback.Failed", "The callback was failed without an error.");
    int bytes = Limits.errorJsonBytes(e);
    if (bytes >= Limits.MAX_ERROR_BYTES) {
      throw invalid("Error object size must be less than " + Limits.MAX_ERROR_BYTES
          + " bytes (callback " + callbackId + ": " + bytes + " bytes).");
    }
    OperationRecord rec = requireOpen(x, callbackId, now);
    Operation done = rec.operation().withStatus(OperationStatus.FAILED, now)
        .withCallbackDetails(new OperationDetails.Callback(callbackId, null, e));
    x.upsert(done);
    HistoryRecorder.opError(x, "CallbackFailed", done, now, e);
    requestInvocation(x);
  }

  /** Restarts the heartbeat timeout; no history event (conformance 7.13). */
  static void heartbeat(LiveExecution x, String callbackId, Instant now) {
    OperationRecord rec = requireOpen(x, callbackId, now);
    if (rec.heartbeatSeconds() > 0) {
      x.replaceBookkeeping(new OperationRecord(rec.operation(), rec.startSeq(), rec.changeSeq(),
          rec.timeoutAt(), now.plusSeconds(rec.heartbeatSeconds()), rec.heartbeatSeconds(),
          rec.childExecutionId()));
    }
  }

  /**
   * The callback's operation if it can still be completed. Deadlines that passed fire first, so a
   * callback past its timeout is refused even if the timer loop has not run yet.
   */
  private static OperationRecord requireOpen(LiveExecution x, String callbackId, Instant now) {
    if (x.wakeAt != null && !x.wakeAt.isAfter(now) && TimerRules.fireDue(x, now)) {
      x.atSafePoint = true;
    }
    String opId = x.callbackOperation(callbackId);
    if (opId == null) {
      throw ServiceException.notFound("Callback " + callbackId + " not found.");
    }
    OperationRecord rec = x.op(opId);
    OperationStatus status = rec.operation().status();
    if (status == OperationStatus.TIMED_OUT) {
      throw new ServiceException(ServiceException.CALLBACK_TIMEOUT, 400,
          "Callback " + callbackId + " already timed out.");
    }
    if (status != OperationStatus.STARTED) {
      throw invalid("Callback " + callbackId + " already completed (" + status + ").");
    }
    if (x.status != ExecutionStatus.RUNNING) {
      throw invalid("Callback " + callbackId + " belongs to execution " + x.arn
          + ", which is closed (" + x.status + ").");
    }
    return rec;
  }

  /** A suspended handler is invoked again; a running one hears of it in its next checkpoint. */
  static void requestInvocation(LiveExecution x) {
    if (!x.invocationActive) {
      x.invocationRequested = true;
    }
  }
}
