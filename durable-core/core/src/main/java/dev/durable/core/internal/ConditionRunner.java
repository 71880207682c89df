package dev.durable.core.internal;

import dev.durable.core.ConditionCheck;
import dev.durable.core.ConditionResult;
import dev.durable.core.TypeToken;
import dev.durable.core.WaitForConditionFailedException;
import dev.durable.core.WaitStrategy;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.serde.SerDes;
import java.time.Duration;
import java.util.Optional;

/**
 * waitForCondition as the AWS SDKs journal it: one STEP (sub-type WaitForCondition) whose attempts
 * are the checks; "keep polling" is a RETRY carrying the state as payload and the strategy's delay,
 * "done" a SUCCEED with the final state (reference §1.10).
 */
final class ConditionRunner<S> {
  private static final String SUB_TYPE = "WaitForCondition";
  private final ContextImpl ctx;
  private final Invocation inv;
  private final String name;
  private final TypeToken<S> type;
  private final S initialState;
  private final ConditionCheck<S> check;
  private final WaitStrategy strategy;
  private final SerDes serDes;
  private final String id;

  ConditionRunner(ContextImpl ctx, String name, TypeToken<S> type, S initialState, ConditionCheck<S> check,
      WaitStrategy strategy) {
    this.ctx = ctx;
    this.inv = ctx.inv;
    this.name = name;
    this.type = type;
    this.initialState = initialState;
    this.check = check;
    this.strategy = strategy;
    this.serDes = inv.options.serDes();
    this.id = ctx.nextId();
    ctx.journaled(id, OperationType.STEP, SUB_TYPE, name);
  }

  S run() {
    while (true) {
      Operation op = inv.op(id);
      if (op != null && op.status() == OperationStatus.SUCCEEDED) {
        return Values.deserialize(serDes, op.stepDetails().result(), type, "the state of waitForCondition '" + name + "'");
      }
      if (op != null && op.status().isTerminal()) {
        ErrorObject error = op.stepDetails() == null ? null : op.stepDetails().error();
        throw Errors.toException(error, "waitForCondition '" + name + "' failed: " + Errors.describe(error),
            WaitForConditionFailedException::new);
      }
      if (op != null && op.status() == OperationStatus.PENDING) {
        inv.await(() -> inv.op(id).status() != OperationStatus.PENDING, true);
        continue;
      }
      S state = op == null || op.stepDetails() == null || op.stepDetails().result() == null
          ? initialState
          : Values.deserialize(serDes, op.stepDetails().result(), type, "the state of waitForCondition '" + name + "'");
      int attempt = (op == null ? 0 : op.attempt()) + 1;
      if (op == null || op.status() == OperationStatus.READY) {
        inv.checkpointer.enqueue(update(OperationAction.START, null, null, null));
      }
      checkOnce(state, attempt);
    }
  }

  private void checkOnce(S state, int attempt) {
    ConditionResult<S> result;
    String outer = ContextImpl.IN_STEP.get();
    ContextImpl.IN_STEP.set(name);
    try {
      result = check.check(state, new AttemptContext(inv.executionId, id, name, attempt));
      if (result == null) {
        throw new IllegalStateException("the check of waitForCondition '" + name + "' returned null;"
            + " return ConditionResult.stop(state) or ConditionResult.keepPolling(state)");
      }
    } catch (SuspendSignal s) {
      throw s;
    } catch (Throwable t) {
      inv.checkpointer.send(update(OperationAction.FAIL, null, Errors.toError(t), null));
      return;
    } finally {
      ContextImpl.IN_STEP.set(outer);
    }
    inv.checkUsable();
    String payload = Values.serialize(serDes, result.state(), "the state of waitForCondition '" + name + "'");
    if (result.done()) {
      inv.checkpointer.send(update(OperationAction.SUCCEED, payload, null, null));
      return;
    }
    Optional<Duration> delay = strategy.delayAfter(attempt, inv.options.jitter().getAsDouble());
    if (delay.isEmpty()) {
      ErrorObject error = ErrorObject.of(WaitForConditionFailedException.class.getName(),
          "waitForCondition '" + name + "' gave up after " + attempt + " checks without the condition being met");
      inv.checkpointer.send(update(OperationAction.FAIL, null, error, null));
      return;
    }
    inv.checkpointer.send(update(OperationAction.RETRY, payload, null,
        OperationUpdate.Options.retryAfter((int) delay.get().getSeconds())));
  }

  private OperationUpdate update(OperationAction action, String payload, ErrorObject error, OperationUpdate.Options o) {
    return ctx.update(id, name, OperationType.STEP, SUB_TYPE, action, payload, error, o);
  }
}
