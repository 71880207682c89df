package dev.durable.core.internal;

import dev.durable.core.DurableListener;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.LimitExceededException;
import dev.durable.core.StepBody;
import dev.durable.core.StepFailedException;
import dev.durable.core.StepInterruptedException;
import dev.durable.core.StepOptions;
import dev.durable.core.StepSemantics;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.retry.RetryDecision;
import dev.durable.core.serde.SerDes;
import java.util.Objects;

/**
 * One step: replays a journaled result, or runs attempts with durable retries (reference §1.4).
 */
final class StepRunner<T> {
  static final int MAX_RESULT_BYTES = 256 * 1024;

  private final ContextImpl ctx;
  private final Invocation inv;
  private final String name;
  private final TypeToken<T> type;
  private final StepBody<T> body;
  private final StepOptions options;
  private final SerDes serDes;
  private final String id;
  private final Operation recorded;
  private T live;
  private boolean hasLive;

  StepRunner(ContextImpl ctx, String name, TypeToken<T> type, StepBody<T> body, StepOptions options) {
    this.ctx = ctx;
    this.inv = ctx.inv;
    this.name = name;
    this.type = Objects.requireNonNull(type, "type");
    this.body = Objects.requireNonNull(body, "body");
    this.options = options == null ? StepOptions.defaults() : options;
    this.serDes = Values.serDes(inv, this.options.serDes());
    // the id and the replay check belong to the call site, not to the thread that runs the body
    this.id = ctx.nextId();
    this.recorded = ctx.journaled(id, OperationType.STEP, "Step", name);
  }

  T run() {
    Operation op = recorded;
    while (true) {
      if (op != null && op.status().isTerminal()) {
        return finished(op);
      }
      if (op != null && op.status() == OperationStatus.PENDING) {
        inv.await(() -> inv.op(id).status() != OperationStatus.PENDING, true);
        op = inv.op(id);
        continue;
      }
      boolean atMostOnce = options.semantics() == StepSemantics.AT_MOST_ONCE_PER_RETRY;
      int attempt = (op == null ? 0 : op.attempt()) + 1;
      if (op != null && op.status() == OperationStatus.STARTED && atMostOnce) {
        // the previous attempt began but never reported: it may have had its effect
        retryOrFail(new StepInterruptedException("step '" + name + "' attempt " + attempt
            + " was interrupted before it finished (at-most-once semantics: not run again)", null), attempt);
      } else {
        attempt(op, attempt, atMostOnce);
      }
      op = inv.op(id);
    }
  }

  private void attempt(Operation op, int attempt, boolean atMostOnce) {
    if (op == null || op.status() == OperationStatus.READY) {
      OperationUpdate start = ctx.update(id, name, OperationType.STEP, "Step", OperationAction.START, null, null, null);
      if (atMostOnce) {
        inv.checkpointer.send(start);
      } else {
        inv.checkpointer.enqueue(start);
      }
    }
    DurableListener.StepAttempt info =
        new DurableListener.StepAttempt(inv.executionArn, id, name, attempt, options.semantics());
    notify(info, null, true);
    T result = null;
    Throwable error = null;
    String outer = ContextImpl.IN_STEP.get();
    ContextImpl.IN_STEP.set(name);
    try {
      result = body.run(new AttemptContext(inv.executionId, id, name, attempt));
    } catch (SuspendSignal s) {
      throw s;
    } catch (Throwable t) {
      error = t;
    } finally {
      ContextImpl.IN_STEP.set(outer);
    }
    notify(info, error, false);
    inv.checkUsable();
    if (error != null) {
      retryOrFail(error, attempt);
      return;
    }
    String payload;
    try {
      payload = Values.serialize(serDes, result, "the result of step '" + name + "'");
    } catch (RuntimeException e) {
      fail(e, attempt);
      return;
    }
    // at most 3 UTF-8 bytes per char: a short payload needs no exact count
    int size = payload == null || 3L * payload.length() <= MAX_RESULT_BYTES ? 0 : Errors.utf8(payload);
    if (size > MAX_RESULT_BYTES) {
      fail(new LimitExceededException("the result of step '" + name + "' is " + size + " bytes; the"
          + " service accepts at most " + MAX_RESULT_BYTES + " bytes per operation. Store large data"
          + " elsewhere and return a reference."), attempt);
      return;
    }
    inv.checkpointer.send(ctx.update(id, name, OperationType.STEP, "Step", OperationAction.SUCCEED, payload,
        null, null));
    // a step's own SerDes may transform the value; return what the journal holds, as replay will
    live = options.serDes() == null ? result
        : Values.deserialize(serDes, payload, type, "the result of step '" + name + "'");
    hasLive = true;
  }


  /** Listener failures are infrastructure failures: they end the invocation, as a crash would. */
  private void notify(DurableListener.StepAttempt info, Throwable error, boolean start) {
    try {
      if (start) {
        inv.options.listener().onStepAttemptStart(info);
      } else {
        inv.options.listener().onStepAttemptEnd(info, error);
      }
    } catch (Throwable t) {
      throw inv.abort(t);
    }
  }

  private void retryOrFail(Throwable error, int attempt) {
    if (error instanceof IllegalDurableOperationException) {
      // misuse (e.g. ctx.step inside a step body) fails the same way on every attempt
      fail(error, attempt);
      return;
    }
    RetryDecision decision = options.retry().decide(error, attempt, inv.options.jitter().getAsDouble());
    if (!decision.retry()) {
      fail(error, attempt);
      return;
    }
    inv.checkpointer.send(ctx.update(id, name, OperationType.STEP, "Step", OperationAction.RETRY, null,
        Errors.toError(error), OperationUpdate.Options.retryAfter((int) decision.delay().getSeconds())));
  }

  private void fail(Throwable error, int attempt) {
    ErrorObject err = Errors.toError(error);
    inv.checkpointer.send(ctx.update(id, name, OperationType.STEP, "Step", OperationAction.FAIL, null, err, null));
  }

  private T finished(Operation op) {
    if (op.status() == OperationStatus.SUCCEEDED) {
      if (hasLive) {
        return live;
      }
      return Values.deserialize(serDes, op.stepDetails() == null ? null : op.stepDetails().result(), type,
          "the journaled result of step '" + name + "'");
    }
    ErrorObject error = op.stepDetails() == null ? null : op.stepDetails().error();
    throw Errors.toException(error, "step '" + name + "' failed after " + op.attempt() + " attempt"
        + (op.attempt() == 1 ? "" : "s") + ": " + Errors.describe(error), StepFailedException::new);
  }
}
