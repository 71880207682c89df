package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/** A chained invoke of another durable function failed, timed out or was stopped. */
public class InvokeFailedException extends DurableOperationException {
  public InvokeFailedException(String message, ErrorObject error) {
    super(message, error);
  }
}
