package dev.durable.core;

/**
 * Root of every exception this library throws. Catch it to handle anything durable-related; the
 * subclasses say what happened and how to recover:
 *
 * <ul>
 *   <li>{@link DurableOperationException} and its subclasses: a durable operation failed for good
 *       (retries exhausted, callback failed or timed out, child context or invoke failed). Thrown
 *       identically on the first run and on every replay.
 *   <li>{@link NonDeterministicExecutionException}: the code no longer issues the operations its
 *       journal recorded; the run fails. Version code changes instead (see the replay guide).
 *   <li>{@link IllegalDurableOperationException}: bad input or misuse (blank names, waits under one
 *       second, an operation started inside a step). Fix the calling code.
 *   <li>{@link SerializationException} and {@link LimitExceededException}: a value could not be
 *       (de)serialized or is over a service limit.
 *   <li>{@link dev.durable.core.service.ServiceException}: the durable-execution service refused a
 *       request.
 * </ul>
 */
public class DurableException extends RuntimeException {
  public DurableException(String message) {
    super(message);
  }

  public DurableException(String message, Throwable cause) {
    super(message, cause);
  }
}
