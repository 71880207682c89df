package dev.durable.core.service;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationDetails;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import java.time.Duration;
import java.time.Instant;

/**
 * What the service does when time passes: waits end, step retries become due, callbacks time out,
 * the execution times out (reference §2.3, §2.4, §2.7).
 *
 * <p>Timers live in a per-execution queue. A timer is never removed when its operation changes;
 * instead {@link #isLive} re-checks it against the operation when it comes up, so cancelling a wait
 * or resetting a heartbeat costs nothing.
 */
final class TimerRules {

  /** What a timer is for. */
  enum Kind { WAIT_END, RETRY_DUE, CALLBACK_TIMEOUT, CALLBACK_HEARTBEAT }

  /** One queued deadline; {@code seq} keeps equal deadlines in scheduling order. */
  record Timer(Instant at, long seq, String opId, Kind kind) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private TimerRules() {}

  /**
   * Queues the deadlines {@code rec} has in its current state that {@code prev} (the operation's
   * previous record, or null) did not already have.
   */
  static void schedule(LiveExecution x, OperationRecord prev, OperationRecord rec) {
    for (Kind kind : Kind.values()) {
      Instant at = deadline(rec, kind);
      if (at != null && (prev == null || !at.equals(deadline(prev, kind)))) {
        x.addTimer(at, rec.operation().id(), kind);
      }
    }
  }

  /** True when the operation is still in the state the timer was queued for. */
  static boolean isLive(Timer t, OperationRecord rec) {
    return rec != null && t.at().equals(deadline(rec, t.kind()));
  }

  /** The deadline of this kind the operation has in its current state, or null. */
  private static Instant deadline(OperationRecord rec, Kind kind) {
    Operation op = rec.operation();
    return switch (kind) {
      case WAIT_END -> op.type() == OperationType.WAIT && op.status() == OperationStatus.STARTED
          && op.waitDetails() != null ? op.waitDetails().scheduledEndTimestamp() : null;
      case RETRY_DUE -> op.type() == OperationType.STEP && op.status() == OperationStatus.PENDING
          && op.stepDetails() != null ? op.stepDetails().nextAttemptTimestamp() : null;
      case CALLBACK_TIMEOUT -> isOpenCallback(op) ? rec.timeoutAt() : null;
      case CALLBACK_HEARTBEAT -> isOpenCallback(op) ? rec.heartbeatAt() : null;
    };
  }

  private static boolean isOpenCallback(Operation op) {
    return op.type() == OperationType.CALLBACK && op.status() == OperationStatus.STARTED;
  }

  /**
   * Fires every deadline at or before {@code now}, in deadline order. Returns true when something
   * fired; the execution timing out counts. The caller requests an invocation.
   */
  static boolean fireDue(LiveExecution x, Instant now) {
    if (x.status != ExecutionStatus.RUNNING) {
      return false;
    }
    boolean fired = false;
    TimerRules.Timer t;
    while ((t = x.nextTimer()) != null && !t.at().isAfter(now)
        && (x.timeoutAt == null || t.at().isBefore(x.timeoutAt))) {
      x.popTimer();
      fire(x, t, now);
      fired = true;
    }
    if (x.timeoutAt != null && !x.timeoutAt.isAfter(now)) {
      long seconds = Duration.between(x.startTimestamp, x.timeoutAt).getSeconds();
      ExecutionLifecycle.close(x, ExecutionStatus.TIMED_OUT, null,
          ErrorObject.of("Execution.Timeout",
              "The execution exceeded its execution timeout of " + seconds + " seconds."),
          now);
      return true;
    }
    if (fired && !x.invocationActive) {
      // While an invocation runs, the change reaches the handler through its next checkpoint
      // response, and endInvocation re-requests if the handler never saw it.
      x.invocationRequested = true;
    }
    return fired;
  }

  private static void fire(LiveExecution x, Timer t, Instant now) {
    OperationRecord rec = x.op(t.opId());
    Operation op = rec.operation();
    switch (t.kind()) {
      case WAIT_END -> {
        Operation done = op.withStatus(OperationStatus.SUCCEEDED, now);
        x.upsert(done);
        int seconds = (int) Duration.between(op.startTimestamp(),
            op.waitDetails().scheduledEndTimestamp()).getSeconds();
        HistoryRecorder.waitEvent(x, "WaitSucceeded", done, now, seconds, null);
      }
      case RETRY_DUE -> {
        // PENDING -> READY is not a history event (conformance histories show none).
        OperationDetails.Step s = op.stepDetails();
        x.upsert(op.withStatus(OperationStatus.READY, null)
            .withStepDetails(new OperationDetails.Step(s.attempt(), null, s.result(), s.error())));
      }
      case CALLBACK_TIMEOUT, CALLBACK_HEARTBEAT -> {
        boolean heartbeat = t.kind() == Kind.CALLBACK_HEARTBEAT;
        long seconds = heartbeat ? rec.heartbeatSeconds()
            : Duration.between(op.startTimestamp(), rec.timeoutAt()).getSeconds();
        ErrorObject error = heartbeat
            ? ErrorObject.of("Callback.Heartbeat", "Callback " + label(op)
                + " timed out: no heartbeat within its heartbeat timeout of " + seconds
                + " seconds.")
            : ErrorObject.of("Callback.Timeout", "Callback " + label(op)
                + " timed out: no result within its timeout of " + seconds + " seconds.");
        Operation done = op.withStatus(OperationStatus.TIMED_OUT, now).withCallbackDetails(
            new OperationDetails.Callback(op.callbackDetails().callbackId(), null, error));
        x.upsert(done, rec.timeoutAt(), rec.heartbeatAt(), rec.heartbeatSeconds(), null);
        HistoryRecorder.opError(x, "CallbackTimedOut", done, now, error);
      }
    }
  }

  /** Recomputes {@code wakeAt}: the earliest live timer or the execution timeout. */
  static void recomputeWakeAt(LiveExecution x) {
    if (x.status != ExecutionStatus.RUNNING) {
      x.wakeAt = null;
      return;
    }
    Timer t = x.nextTimer();
    Instant next = t == null ? null : t.at();
    if (x.timeoutAt != null && (next == null || x.timeoutAt.isBefore(next))) {
      next = x.timeoutAt;
    }
    x.wakeAt = next;
  }

  /** "'name' (id)" or "(id)" for messages. */
  static String label(Operation op) {
    return op.name() == null ? "'" + op.id() + "'" : "'" + op.name() + "' (" + op.id() + ")";
  }
}
