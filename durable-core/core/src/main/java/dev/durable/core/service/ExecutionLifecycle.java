package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The execution's life: creation, invocations beginning and ending, crashes, stop, and closing with
 * its history events (reference §1.9, §2.1, §2.2, §2.8).
 */
final class ExecutionLifecycle {
  /** Error of a PENDING return with nothing pending (reference §2.2, js issue #494). */
  static final String NOTHING_PENDING = "Cannot return PENDING status with no pending operations.";

  private ExecutionLifecycle() {}

  /**
   * A new execution with its EXECUTION operation and ExecutionStarted event, not yet stored. It
   * asks for its first invocation and wakes up at its timeout.
   */
  static LiveExecution create(String id, String arn, String functionName, String executionName,
      String input, Duration timeout, String parentExecutionId, String parentOperationId,
      Instant now) {
    Instant timeoutAt = now.plus(timeout);
    ExecutionRecord row = new ExecutionRecord(id, arn, functionName, executionName,
        ExecutionStatus.RUNNING, input, null, null, now, null, timeoutAt, 0, 0, 0, 0, 0,
        timeoutAt, true, false, null, parentExecutionId, parentOperationId);
    LiveExecution x = new LiveExecution(row, -1);
    x.upsert(new Operation(id, null, executionName, OperationType.EXECUTION, null,
        OperationStatus.STARTED, now, null, new OperationDetails.Execution(input), null, null,
        null, null, null));
    x.markAllSeen(); // the first invocation reports no "updated" operations
    HistoryRecorder.execution(x, "ExecutionStarted", now, input, null,
        (int) timeout.getSeconds());
    return x;
  }

  /**
   * Starts an invocation: a new token (older ones die), the first page of operations, and the ids
   * of operations the handler has not seen change.
   */
  static InvocationInput begin(LiveExecution x, Instant now, int pageSize) {
    if (x.wakeAt != null && !x.wakeAt.isAfter(now) && TimerRules.fireDue(x, now)) {
      x.atSafePoint = true; // the handler must see what is already due
    }
    if (x.status != ExecutionStatus.RUNNING) {
      throw invalid("Execution " + x.arn + " is closed (" + x.status
          + "); it cannot be invoked.");
    }
    if (x.hasCheckpointedOutcome()) {
      // An invocation checkpointed the outcome and vanished: the execution is decided.
      if (x.invocationActive) {
        x.invocationActive = false;
        HistoryRecorder.invocationCompleted(x, now, ErrorObject.of("Invocation.Superseded",
            "A new invocation started before this one reported its end."));
      }
      closeWithCheckpointedOutcome(x, now);
      x.atSafePoint = true;
      throw invalid("Execution " + x.arn + " is closed (" + x.status
          + "); it cannot be invoked.");
    }
    if (x.invocationActive) {
      // The runtime lost the previous invocation (e.g. it restarted); close it in the history so
      // that every invocation still ends with an InvocationCompleted.
      HistoryRecorder.invocationCompleted(x, now, ErrorObject.of("Invocation.Superseded",
          "A new invocation started before this one reported its end."));
    }
    x.setTokenSeq(Ids.nextInvocationSeq(x.tokenSeq));
    x.invocationActive = true;
    x.invocationRequested = false;
    x.invocationStartedAt = now;
    List<String> updated = new ArrayList<>();
    for (OperationRecord rec : x.changedSince(x.seenChangeSeq)) {
      updated.add(rec.operation().id());
    }
    x.markAllSeen();
    int count = Math.min(pageSize, x.operationCount());
    List<Operation> page = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      page.add(x.opAt(i).operation());
    }
    String marker = count < x.operationCount() ? CheckpointRules.allMarker(count) : null;
    return new InvocationInput(x.arn, x.currentToken(), page, marker, updated);
  }

  /** Ends the current invocation with the handler's output; see the service's Javadoc. */
  static void end(LiveExecution x, String token, InvocationOutput output, Instant now) {
    requireInvocation(x, token);
    if (output == null || output.status() == null) {
      throw invalid("The invocation output needs a Status.");
    }
    x.invocationActive = false;
    if (x.status != ExecutionStatus.RUNNING) {
      // Stopped or timed out while the handler ran: only the invocation's end is left to record.
      HistoryRecorder.invocationCompleted(x, now, null);
      return;
    }
    switch (output.status()) {
      case SUCCEEDED -> {
        String result = output.result();
        if ((result == null || result.isEmpty()) && x.result != null) {
          result = x.result; // stored by an EXECUTION checkpoint because it was too large
        }
        HistoryRecorder.invocationCompleted(x, now, null);
        close(x, ExecutionStatus.SUCCEEDED, result, null, now);
      }
      case FAILED -> {
        ErrorObject error = output.error() != null ? output.error() : x.error;
        if (error == null) {
          error = ErrorObject.of("Execution.Failed",
              "The handler failed without reporting an error.");
        }
        HistoryRecorder.invocationCompleted(x, now, null);
        close(x, ExecutionStatus.FAILED, null, error, now);
      }
      case PENDING -> endPending(x, now);
    }
  }

  private static void endPending(LiveExecution x, Instant now) {
    if (x.hasCheckpointedOutcome()) {
      HistoryRecorder.invocationCompleted(x, now, null);
      closeWithCheckpointedOutcome(x, now);
    } else if (!x.hasWaitingOperations() && !x.hasUnseenChanges() && !x.hasReadySteps()) {
      // Only when nothing could ever wake it: an operation that completed while the handler ran
      // (a callback completed right after its id was handed out) is not pending any more, yet the
      // handler never saw its result, so it must be invoked again, not failed.
      // The service refuses the invocation's result; nothing would ever wake the execution again,
      // so it fails with the service's error instead of hanging until its timeout.
      ErrorObject error = ErrorObject.of(ServiceException.INVALID_PARAMETER, NOTHING_PENDING);
      HistoryRecorder.invocationCompleted(x, now, error);
      close(x, ExecutionStatus.FAILED, null, error, now);
    } else {
      HistoryRecorder.invocationCompleted(x, now, null);
      // Something completed while the handler ran and it never heard of it: invoke again.
      x.invocationRequested = x.hasUnseenChanges() || x.hasReadySteps();
    }
  }

  /**
   * The handler process died or threw out of the handler: the invocation failed, the execution
   * stays RUNNING and is invoked again (unless an EXECUTION checkpoint already decided it).
   */
  static void crashed(LiveExecution x, ErrorObject error, Instant now) {
    if (!x.invocationActive) {
      throw invalid("No invocation of execution " + x.arn + " is active.");
    }
    x.invocationActive = false;
    HistoryRecorder.invocationCompleted(x, now, error != null ? error
        : ErrorObject.of("Runtime.Unknown", "The invocation failed without an error."));
    if (x.status != ExecutionStatus.RUNNING) {
      return;
    }
    if (x.hasCheckpointedOutcome()) {
      closeWithCheckpointedOutcome(x, now);
    } else {
      x.invocationRequested = true;
    }
  }

  /** Stops a running execution; in-flight operations stay as they are (reference §2.8). */
  static Instant stop(LiveExecution x, ErrorObject error, Instant now) {
    if (x.status != ExecutionStatus.RUNNING) {
      throw invalid("Execution " + x.arn + " is already closed (" + x.status
          + "); only a running execution can be stopped.");
    }
    close(x, ExecutionStatus.STOPPED, null, error, now);
    return now;
  }

  /**
   * Closes the execution: status, end time, the EXECUTION operation, the history event, no more
   * timers or invocations; a chained-invoke child also notifies its parent.
   */
  static void close(LiveExecution x, ExecutionStatus status, String result, ErrorObject error,
      Instant now) {
    x.status = status;
    x.result = status == ExecutionStatus.SUCCEEDED ? result : null;
    x.error = status == ExecutionStatus.SUCCEEDED ? null : error;
    x.endTimestamp = now;
    x.invocationRequested = false;
    x.wakeAt = null;
    OperationRecord exec = x.op(x.id);
    if (exec != null) {
      x.upsert(exec.operation().withStatus(OperationStatus.valueOf(status.name()), now));
    }
    switch (status) {
      case SUCCEEDED -> HistoryRecorder.execution(x, "ExecutionSucceeded", now, result, null,
          null);
      case FAILED -> HistoryRecorder.execution(x, "ExecutionFailed", now, null, error, null);
      case TIMED_OUT -> HistoryRecorder.execution(x, "ExecutionTimedOut", now, null, error, null);
      case STOPPED -> HistoryRecorder.execution(x, "ExecutionStopped", now, null, error, null);
      case RUNNING -> throw new IllegalArgumentException("close with RUNNING");
    }
    if (x.parentExecutionId != null) {
      x.parentNotice = new LiveExecution.ParentNotice(x.parentExecutionId, x.parentOperationId,
          x.id, status, x.result, x.error);
    }
  }

  private static void closeWithCheckpointedOutcome(LiveExecution x, Instant now) {
    if (x.result != null) {
      close(x, ExecutionStatus.SUCCEEDED, x.result, null, now);
    } else {
      close(x, ExecutionStatus.FAILED, null, x.error, now);
    }
  }

  /** Checks that {@code token} belongs to the invocation that is active now. */
  private static void requireInvocation(LiveExecution x, String token) {
    if (!x.invocationActive) {
      throw invalid("No invocation of execution " + x.arn + " is active.");
    }
    long seq = Ids.tokenSeq(token, x.id);
    if (seq < 0 || Ids.invocationOf(seq) != Ids.invocationOf(x.tokenSeq) || seq > x.tokenSeq) {
      throw invalid("Invalid checkpoint token: it does not belong to the active invocation of"
          + " execution " + x.arn + '.');
    }
  }
}
