package dev.durable.local;

import dev.durable.core.DurableException;
import java.time.Duration;

/**
 * Thrown by {@link LocalRuntime#await} when the execution is still running after the timeout. The
 * execution is unaffected and keeps running; await again, or check that a worker runs (
 * {@link LocalRuntime#startWorker()} or {@code durable worker}) and that the run is not waiting
 * for a callback ({@code durable show <id>}).
 */
public class AwaitTimeoutException extends DurableException {
  private final String executionArn;
  private final Duration timeout;

  /** The execution {@code executionArn} did not end within {@code timeout}. */
  public AwaitTimeoutException(String executionArn, Duration timeout, String hint) {
    super("Execution " + executionArn + " is still RUNNING after waiting " + timeout + hint);
    this.executionArn = executionArn;
    this.timeout = timeout;
  }

  /** The execution's ARN. */
  public String executionArn() {
    return executionArn;
  }

  /** How long the caller waited. */
  public Duration timeout() {
    return timeout;
  }
}
