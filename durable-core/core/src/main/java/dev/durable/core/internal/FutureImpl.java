package dev.durable.core.internal;

import dev.durable.core.DurableException;
import dev.durable.core.DurableFuture;

/** A future completed by a workflow thread; {@link #get()} waits suspension-aware. */
class FutureImpl<T> implements DurableFuture<T> {
  private final Invocation inv;
  private volatile boolean done;
  private T value;
  private Throwable error;

  FutureImpl(Invocation inv) {
    this.inv = inv;
  }

  static <T> FutureImpl<T> completed(Invocation inv, T value) {
    FutureImpl<T> f = new FutureImpl<>(inv);
    f.complete(value);
    return f;
  }

  static <T> FutureImpl<T> failed(Invocation inv, Throwable error) {
    FutureImpl<T> f = new FutureImpl<>(inv);
    f.fail(error);
    return f;
  }

  void complete(T v) {
    value = v;
    done = true;
    inv.signal();
  }

  void fail(Throwable t) {
    error = t;
    done = true;
    inv.signal();
  }

  @Override
  public boolean isDone() {
    return done;
  }

  /** The failure, once done; null if it succeeded. */
  Throwable error() {
    return error;
  }

  @Override
  public T get() {
    inv.await(this::isDone, false);
    if (error == null) {
      return value;
    }
    if (error instanceof SuspendSignal s) {
      throw s;
    }
    if (error instanceof RuntimeException r) {
      throw r;
    }
    if (error instanceof Error e) {
      throw e;
    }
    throw new DurableException("durable operation failed: " + error, error);
  }
}
