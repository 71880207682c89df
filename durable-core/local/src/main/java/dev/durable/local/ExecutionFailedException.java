package dev.durable.local;

import dev.durable.core.DurableException;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;

/**
 * Thrown by {@link LocalRuntime#await} when the awaited execution ended without a result: it
 * FAILED, TIMED_OUT or was STOPPED. {@link #error()} is the error the execution recorded (the
 * workflow's exception, the timeout, the stop reason); the message repeats it in one line.
 *
 * <p>Recovery: inspect the run with {@code durable show <id>}; start a new execution (under a new
 * name) once the cause is fixed.
 */
public class ExecutionFailedException extends DurableException {
  private final String executionArn;
  private final ExecutionStatus status;
  private final transient ErrorObject error;

  /** An execution that ended with {@code status} and {@code error} (which may be null). */
  public ExecutionFailedException(String executionArn, ExecutionStatus status, ErrorObject error) {
    super("Execution " + executionArn + " ended " + status + describe(error));
    this.executionArn = executionArn;
    this.status = status;
    this.error = error;
  }

  private static String describe(ErrorObject error) {
    if (error == null) {
      return " without an error.";
    }
    return ": " + error.errorType() + (error.errorMessage() == null ? "" : ": " + error.errorMessage());
  }

  /** The execution's ARN. */
  public String executionArn() {
    return executionArn;
  }

  /** FAILED, TIMED_OUT or STOPPED. */
  public ExecutionStatus status() {
    return status;
  }

  /** The recorded error, or null if the execution recorded none. */
  public ErrorObject error() {
    return error;
  }
}
