package dev.durable.core.service;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationUpdate;
import java.time.Instant;

/**
 * Applies validated updates to the working copy, with the history event of each (reference §2.4
 * "How the emulator applies updates", §2.8). Runs only after {@link CheckpointValidator} accepted
 * the whole batch, so it does not re-check anything.
 */
final class UpdateApplier {
  private UpdateApplier() {}

  /** Applies one update. */
  static void apply(LiveExecution x, OperationUpdate u, Instant now) {
    OperationRecord prev = x.op(u.id());
    Operation old = prev == null ? null : prev.operation();
    switch (u.type()) {
      case STEP -> step(x, u, old, now);
      case WAIT -> waitOp(x, u, old, now);
      case CALLBACK -> callback(x, u, now);
      case CONTEXT -> context(x, u, old, now);
      case CHAINED_INVOKE -> invoke(x, u, prev, now);
      case EXECUTION -> execution(x, u);
    }
  }

  private static void step(LiveExecution x, OperationUpdate u, Operation old, Instant now) {
    OperationDetails.Step s = old == null || old.stepDetails() == null
        ? new OperationDetails.Step(0, null, null, null) : old.stepDetails();
    int attempt = s.attempt() + 1;
    switch (u.action()) {
      case START -> {
        Operation op = build(u, old, OperationStatus.STARTED, now, null,
            new OperationDetails.Step(s.attempt(), null, s.result(), s.error()));
        x.upsert(op);
        HistoryRecorder.op(x, "StepStarted", op, now);
      }
      case RETRY -> {
        int delay = u.options().nextAttemptDelaySeconds();
        Operation op = build(u, old, OperationStatus.PENDING, now, null,
            new OperationDetails.Step(attempt, now.plusSeconds(delay), u.payload(), u.error()));
        x.upsert(op);
        // A RETRY that carries only a payload is a waitForCondition poll that "continues": the
        // conformance histories record it as StepSucceeded with that state, not as a failure.
        String type = u.error() == null && u.payload() != null ? "StepSucceeded" : "StepFailed";
        HistoryRecorder.step(x, type, op, now, u.payload(), u.error(), attempt, delay);
      }
      case SUCCEED -> {
        Operation op = build(u, old, OperationStatus.SUCCEEDED, now, now,
            new OperationDetails.Step(attempt, null, u.payload(), null));
        x.upsert(op);
        HistoryRecorder.step(x, "StepSucceeded", op, now, u.payload(), null, attempt, null);
      }
      case FAIL -> {
        Operation op = build(u, old, OperationStatus.FAILED, now, now,
            new OperationDetails.Step(attempt, null, null, u.error()));
        x.upsert(op);
        HistoryRecorder.step(x, "StepFailed", op, now, null, u.error(), attempt, null);
      }
      case CANCEL -> throw new IllegalStateException("validated: STEP has no CANCEL");
    }
  }

  private static void waitOp(LiveExecution x, OperationUpdate u, Operation old, Instant now) {
    if (u.action() == OperationAction.START) {
      int seconds = u.options().waitSeconds();
      Instant end = now.plusSeconds(seconds);
      Operation op = withWait(build(u, null, OperationStatus.STARTED, now, null), end);
      x.upsert(op);
      HistoryRecorder.waitEvent(x, "WaitStarted", op, now, seconds, end);
    } else {
      Operation op = build(u, old, OperationStatus.CANCELLED, now, now);
      x.upsert(op);
      HistoryRecorder.opError(x, "WaitCancelled", op, now, u.error());
    }
  }

  private static void callback(LiveExecution x, OperationUpdate u, Instant now) {
    OperationUpdate.Options o = u.options();
    int timeout = o == null || o.callbackTimeoutSeconds() == null ? 0 : o.callbackTimeoutSeconds();
    int heartbeat = o == null || o.callbackHeartbeatTimeoutSeconds() == null
        ? 0 : o.callbackHeartbeatTimeoutSeconds();
    String callbackId = Ids.callbackId(x.arn, u.id());
    Operation op = build(u, null, OperationStatus.STARTED, now, null)
        .withCallbackDetails(new OperationDetails.Callback(callbackId, null, null));
    x.upsert(op, timeout > 0 ? now.plusSeconds(timeout) : null,
        heartbeat > 0 ? now.plusSeconds(heartbeat) : null, heartbeat, null);
    HistoryRecorder.callbackStarted(x, op, now, callbackId, timeout, heartbeat);
  }

  private static void context(LiveExecution x, OperationUpdate u, Operation old, Instant now) {
    switch (u.action()) {
      case START -> {
        Operation op = build(u, null, OperationStatus.STARTED, now, null);
        x.upsert(op);
        HistoryRecorder.op(x, "ContextStarted", op, now);
      }
      case SUCCEED -> {
        Boolean replay = u.options() == null ? null : u.options().replayChildren();
        Operation op = build(u, old, OperationStatus.SUCCEEDED, now, now)
            .withContextDetails(new OperationDetails.Context(replay, u.payload(), null));
        x.upsert(op);
        HistoryRecorder.opPayload(x, "ContextSucceeded", op, now, u.payload());
      }
      default -> {
        Operation op = build(u, old, OperationStatus.FAILED, now, now)
            .withContextDetails(new OperationDetails.Context(null, null, u.error()));
        x.upsert(op);
        HistoryRecorder.opError(x, "ContextFailed", op, now, u.error());
      }
    }
  }

  private static void invoke(LiveExecution x, OperationUpdate u, OperationRecord prev,
      Instant now) {
    if (u.action() == OperationAction.START) {
      String functionName = u.options().functionName();
      Operation op = build(u, null, OperationStatus.STARTED, now, null);
      x.upsert(op);
      x.addPendingInvoke(u.id(), new LiveExecution.InvokeRequest(functionName, u.payload()));
      HistoryRecorder.invokeStarted(x, op, now, functionName, u.payload(),
          Ids.chainedTargetArn(x.arn, x.id, u.id(), functionName));
      return;
    }
    // CANCEL: the service stops the target; STOPPED is the chained invoke's word for it.
    ErrorObject error = u.error() != null ? u.error()
        : ErrorObject.of("ChainedInvoke.Cancelled", "The calling execution cancelled the invoke.");
    Operation op = build(u, prev.operation(), OperationStatus.STOPPED, now, now)
        .withChainedInvokeDetails(new OperationDetails.ChainedInvoke(null, error));
    x.upsert(op);
    HistoryRecorder.opError(x, "ChainedInvokeStopped", op, now, error);
    if (prev.childExecutionId() != null) {
      x.childrenToStop.add(prev.childExecutionId());
    }
  }

  /**
   * EXECUTION SUCCEED/FAIL stores the outcome (a result too large for the invocation response);
   * the execution closes when the invocation ends, so that its InvocationCompleted event precedes
   * ExecutionSucceeded as in every conformance history.
   */
  private static void execution(LiveExecution x, OperationUpdate u) {
    if (u.action() == OperationAction.SUCCEED) {
      x.result = u.payload() == null ? "" : u.payload();
      x.error = null;
    } else {
      x.result = null;
      x.error = u.error() != null ? u.error()
          : ErrorObject.of("Execution.Failed", "The handler failed without reporting an error.");
    }
  }

  /** The operation an update describes; identity members missing in the update stay as they were. */
  private static Operation build(OperationUpdate u, Operation old, OperationStatus status,
      Instant now, Instant end) {
    return build(u, old, status, now, end, old == null ? null : old.stepDetails());
  }

  private static Operation build(OperationUpdate u, Operation old, OperationStatus status,
      Instant now, Instant end, OperationDetails.Step step) {
    if (old == null) {
      return new Operation(u.id(), u.parentId(), u.name(), u.type(), u.subType(), status, now,
          end, null, null, step, null, null, null);
    }
    return new Operation(u.id(),
        u.parentId() != null ? u.parentId() : old.parentId(),
        u.name() != null ? u.name() : old.name(),
        old.type(),
        u.subType() != null ? u.subType() : old.subType(),
        status, old.startTimestamp(), end, old.executionDetails(), old.contextDetails(),
        step, old.waitDetails(), old.callbackDetails(), old.chainedInvokeDetails());
  }

  private static Operation withWait(Operation op, Instant end) {
    return new Operation(op.id(), op.parentId(), op.name(), op.type(), op.subType(), op.status(),
        op.startTimestamp(), op.endTimestamp(), null, null, null,
        new OperationDetails.Wait(end), null, null);
  }
}
