package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/** The external system reported failure for a callback (or its submitter step failed). */
public class CallbackFailedException extends DurableOperationException {
  public CallbackFailedException(String message, ErrorObject error) {
    super(message, error);
  }
}
