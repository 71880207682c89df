package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/** A step failed for good: its retry policy gave up, or the error was not retryable. {@link #errorType()} names the original exception's class. */
public class StepFailedException extends DurableOperationException {
  public StepFailedException(String message, ErrorObject error) {
    super(message, error);
  }
}
