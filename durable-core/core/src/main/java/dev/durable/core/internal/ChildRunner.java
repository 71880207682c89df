package dev.durable.core.internal;

import dev.durable.core.ChildBody;
import dev.durable.core.ChildContextFailedException;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.serde.SerDes;

/**
 * A child context (also the frame of waitForCallback, map, parallel and their items): a CONTEXT
 * operation whose body has its own operation counter. A finished child replays from its journaled
 * result without running the body, unless the result was too large to journal (ReplayChildren).
 */
final class ChildRunner<T> {
  private final ContextImpl parent;
  private final Invocation inv;
  private final String name;
  private final String subType;
  private final TypeToken<T> type;
  private final ChildBody<T> body;
  private final String id;
  private final Operation recorded;
  private SerDes serDes;
  private boolean ownSerDes;
  private boolean deferSuccess;

  ChildRunner(ContextImpl parent, String name, String subType, TypeToken<T> type, ChildBody<T> body) {
    this(parent, parent.nextId(), name, subType, type, body);
  }

  /** A child at a pre-allocated id (batch items get their ids in input order up front). */
  ChildRunner(ContextImpl parent, String id, String name, String subType, TypeToken<T> type, ChildBody<T> body) {
    this.parent = parent;
    this.inv = parent.inv;
    this.name = name;
    this.subType = subType;
    this.type = type;
    this.body = body;
    this.id = id;
    this.serDes = inv.options.serDes();
    this.recorded = parent.journaled(id, OperationType.CONTEXT, subType, name);
  }

  ChildRunner<T> withSerDes(SerDes override) {
    if (override != null) {
      this.serDes = override;
      this.ownSerDes = true;
    }
    return this;
  }

  /**
   * Lets the SUCCEED checkpoint go out with the next synchronous one instead of on its own. Only
   * for a body whose result is already durable in its children (waitForCallback: the callback's
   * result): if the process dies first, replaying the body against those children gives the same
   * result, so the run loses nothing, and the caller does not wait for a write of its own.
   */
  ChildRunner<T> deferringSuccess() {
    this.deferSuccess = true;
    return this;
  }

  String id() {
    return id;
  }

  /** The journaled outcome, if the child already finished in an earlier invocation. */
  Operation recorded() {
    return recorded;
  }

  T run() {
    Operation op = recorded;
    boolean replayChildren = op != null && op.contextDetails() != null
        && Boolean.TRUE.equals(op.contextDetails().replayChildren());
    if (op != null && op.status() == OperationStatus.SUCCEEDED && !replayChildren) {
      return Values.deserialize(serDes, op.contextDetails() == null ? null : op.contextDetails().result(), type,
          "the journaled result of " + describe());
    }
    if (op != null && op.status().isTerminal() && op.status() != OperationStatus.SUCCEEDED) {
      throw failure(op.contextDetails() == null ? null : op.contextDetails().error());
    }
    if (op == null) {
      inv.checkpointer.enqueue(parent.update(id, name, OperationType.CONTEXT, subType, OperationAction.START,
          null, null, null));
    }
    ContextImpl child = parent.child(id, name, op != null);
    T result;
    try {
      result = body.run(child);
    } catch (Throwable t) {
      if (SuspendSignal.isIn(t) || inv.isSuspendedOrClosed()) {
        throw SuspendSignal.INSTANCE;
      }
      if (t instanceof VirtualMachineError e) {
        throw inv.abort(e);
      }
      ErrorObject error = Errors.toError(t);
      inv.checkpointer.send(parent.update(id, name, OperationType.CONTEXT, subType, OperationAction.FAIL,
          null, error, null));
      throw failure(error);
    }
    if (inv.isSuspendedOrClosed()) {
      // the body returned although its invocation is suspending: a catch block ate the signal
      inv.swallowed(describe());
      throw SuspendSignal.INSTANCE;
    }
    if (op != null && op.status() == OperationStatus.SUCCEEDED) {
      return result;
    }
    String payload = Values.serialize(serDes, result, "the result of " + describe());
    if (Errors.utf8(payload) > StepRunner.MAX_RESULT_BYTES) {
      // too large for one operation: journal nothing and rebuild it from the children on replay
      inv.checkpointer.send(parent.update(id, name, OperationType.CONTEXT, subType, OperationAction.SUCCEED,
          "", null, OperationUpdate.Options.replayingChildren()));
    } else {
      OperationUpdate succeed = parent.update(id, name, OperationType.CONTEXT, subType, OperationAction.SUCCEED,
          payload, null, null);
      if (deferSuccess) {
        inv.checkpointer.enqueue(succeed);
      } else {
        inv.checkpointer.send(succeed);
      }
      if (ownSerDes) {
        // an own SerDes may transform the value: return what the journal holds, as replay will
        return Values.deserialize(serDes, payload, type, "the result of " + describe());
      }
    }
    return result;
  }

  private RuntimeException failure(ErrorObject error) {
    return Errors.toException(error, describe() + " failed: " + Errors.describe(error),
        ChildContextFailedException::new);
  }

  private String describe() {
    return subType + " '" + (name == null ? id : name) + "'";
  }
}
