package dev.durable.core;

/**
 * A value or a journal is over a limit of the Lambda durable-execution service (256 KB per operation
 * result, 750 KB per checkpoint batch, 32 KB per error, 25,000 operations per execution, 6 MB per
 * result). Enforced locally too, so that a workflow that passes its tests is not refused once
 * deployed. Recovery: store large data elsewhere (S3, a database) and journal a reference.
 */
public class LimitExceededException extends DurableException {
  public LimitExceededException(String message) {
    super(message);
  }
}
