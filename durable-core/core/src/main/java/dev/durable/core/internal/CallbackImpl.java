package dev.durable.core.internal;

import dev.durable.core.DurableCallback;
import dev.durable.core.TypeToken;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.serde.SerDes;

/** A created callback: its id now, its result once the service completed it. */
final class CallbackImpl<T> implements DurableCallback<T> {
  private final ContextImpl ctx;
  private final String operationId;
  private final String name;
  private final String callbackId;
  private final TypeToken<T> type;
  private final SerDes serDes;

  CallbackImpl(ContextImpl ctx, String operationId, String name, String callbackId, TypeToken<T> type,
      SerDes serDes) {
    this.ctx = ctx;
    this.operationId = operationId;
    this.name = name;
    this.callbackId = callbackId;
    this.type = type;
    this.serDes = serDes;
  }

  @Override
  public String id() {
    return callbackId;
  }

  @Override
  public boolean isDone() {
    return ctx.terminal(operationId);
  }

  @Override
  public T get() {
    ctx.inv.await(this::isDone, true);
    Operation op = ctx.inv.op(operationId);
    if (op.status() == OperationStatus.SUCCEEDED) {
      return Values.deserialize(serDes, op.callbackDetails() == null ? null : op.callbackDetails().result(),
          type, "the result of callback '" + name + "'");
    }
    throw ContextImpl.callbackFailure(name, op);
  }
}
