package dev.durable.core.service;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import java.time.Instant;

/**
 * Appends history events (reference §2.8) to an execution's pending write. Event ids are 1-based
 * and dense; operation events carry the operation's sub-type, id, name and parent id.
 */
final class HistoryRecorder {
  private HistoryRecorder() {}

  /** An operation event without details (StepStarted, ContextStarted, WaitCancelled …). */
  static void op(LiveExecution x, String type, Operation op, Instant now) {
    add(x, type, op, now, null, null, null, null, null, null, null, null, null, null);
  }

  /** An operation event carrying a result payload. */
  static void opPayload(LiveExecution x, String type, Operation op, Instant now, String payload) {
    add(x, type, op, now, payload, null, null, null, null, null, null, null, null, null);
  }

  /** An operation event carrying an error. */
  static void opError(LiveExecution x, String type, Operation op, Instant now, ErrorObject error) {
    add(x, type, op, now, null, error, null, null, null, null, null, null, null, null);
  }

  /** StepSucceeded / StepFailed with their RetryDetails. */
  static void step(LiveExecution x, String type, Operation op, Instant now, String payload,
      ErrorObject error, int attempt, Integer nextAttemptDelaySeconds) {
    add(x, type, op, now, payload, error, attempt, nextAttemptDelaySeconds, null, null, null, null,
        null, null);
  }

  /** WaitStarted (with the scheduled end) or WaitSucceeded (end null). */
  static void waitEvent(LiveExecution x, String type, Operation op, Instant now,
      int durationSeconds, Instant scheduledEnd) {
    add(x, type, op, now, null, null, null, null, durationSeconds, scheduledEnd, null, null, null,
        null);
  }

  /** CallbackStarted; a zero timeout means none and is left out. */
  static void callbackStarted(LiveExecution x, Operation op, Instant now, String callbackId,
      int timeoutSeconds, int heartbeatSeconds) {
    add(x, "CallbackStarted", op, now, null, null, null, null, null, null, callbackId,
        timeoutSeconds > 0 ? timeoutSeconds : null,
        heartbeatSeconds > 0 ? heartbeatSeconds : null, null);
  }

  /** ChainedInvokeStarted with the target function, its input and the target execution. */
  static void invokeStarted(LiveExecution x, Operation op, Instant now, String functionName,
      String payload, String targetArn) {
    x.addEvent(new HistoryEvent(++x.eventCount, "ChainedInvokeStarted", op.subType(), op.id(),
        op.name(), op.parentId(), now, payload, null, null, null, null, null, null, null, null,
        functionName, null, targetArn, Ids.TARGET_VERSION));
  }

  /** InvocationCompleted: the end of one handler invocation, with its error if it had one. */
  static void invocationCompleted(LiveExecution x, Instant now, ErrorObject error) {
    x.addEvent(new HistoryEvent(++x.eventCount, "InvocationCompleted", null, null, null, null, now,
        null, error, null, null, null, null, null, null, null, null, x.invocationStartedAt));
  }

  /** An execution event (ExecutionStarted, ExecutionSucceeded, ExecutionFailed …). */
  static void execution(LiveExecution x, String type, Instant now, String payload,
      ErrorObject error, Integer timeoutSeconds) {
    x.addEvent(new HistoryEvent(++x.eventCount, type, null, x.id, x.executionName, null, now,
        payload, error, null, null, null, null, null, timeoutSeconds, null, null, null));
  }

  private static void add(LiveExecution x, String type, Operation op, Instant now, String payload,
      ErrorObject error, Integer attempt, Integer nextDelay, Integer duration, Instant scheduledEnd,
      String callbackId, Integer timeout, Integer heartbeat, String functionName) {
    x.addEvent(new HistoryEvent(++x.eventCount, type, op.subType(), op.id(), op.name(),
        op.parentId(), now, payload, error, attempt, nextDelay, duration, scheduledEnd, callbackId,
        timeout, heartbeat, functionName, null));
  }
}
