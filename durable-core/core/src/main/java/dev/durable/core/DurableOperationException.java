package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/**
 * A durable operation ended in failure. Carries the journaled {@link ErrorObject}, so the exception
 * is the same whether the failure happened in this invocation or is being replayed.
 */
public class DurableOperationException extends DurableException {
  private final transient ErrorObject error;

  public DurableOperationException(String message, ErrorObject error) {
    super(message);
    this.error = error;
  }

  /** The journaled error: {@code errorType} is usually the original exception's class name. */
  public ErrorObject error() {
    return error;
  }

  /** The original error's type, e.g. {@code java.io.IOException}. */
  public String errorType() {
    return error == null ? null : error.errorType();
  }
}
