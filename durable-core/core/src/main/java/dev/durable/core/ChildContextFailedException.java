package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/** A child context's body threw. {@link #errorType()} names the original exception's class. */
public class ChildContextFailedException extends DurableOperationException {
  public ChildContextFailedException(String message, ErrorObject error) {
    super(message, error);
  }
}
