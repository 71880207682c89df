package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/** An at-most-once step was found started but not finished on replay (the process died mid-attempt), so its body is not run again for that attempt. The step's retry policy decides whether a new attempt runs. */
public class StepInterruptedException extends DurableOperationException {
  public StepInterruptedException(String message, ErrorObject error) {
    super(message, error);
  }
}
