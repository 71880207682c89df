package dev.durable.core;

import dev.durable.core.model.ErrorObject;

/** A callback was not completed within its timeout, or no heartbeat arrived within its heartbeat timeout. */
public class CallbackTimeoutException extends DurableOperationException {
  public CallbackTimeoutException(String message, ErrorObject error) {
    super(message, error);
  }
}
