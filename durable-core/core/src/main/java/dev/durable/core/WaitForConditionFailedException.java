package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/** A waitForCondition check threw, or the wait strategy gave up before the condition was met. */
public class WaitForConditionFailedException extends DurableOperationException {
  public WaitForConditionFailedException(String message, ErrorObject error) {
    super(message, error);
  }
}
