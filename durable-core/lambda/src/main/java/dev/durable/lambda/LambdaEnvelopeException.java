package dev.durable.lambda;

import dev.durable.core.DurableException;

/**
 * The invocation event is not a durable-execution envelope the adapter can run: a field is missing
 * or has the wrong type, a timestamp cannot be read, an operation type or status is unknown, or the
 * state has no EXECUTION operation. Thrown before anything is checkpointed.
 *
 * <p>An event without {@code DurableExecutionArn} usually means the function was deployed without
 * durable execution: create it with a {@code DurableConfig} (SAM: {@code DurableConfig:
 * {ExecutionTimeout: …}}) and invoke it through a qualified name (version or alias).
 */
public class LambdaEnvelopeException extends DurableException {
  public LambdaEnvelopeException(String message) {
    super(message);
  }

  public LambdaEnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
