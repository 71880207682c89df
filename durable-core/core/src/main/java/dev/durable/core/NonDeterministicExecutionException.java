package dev.durable.core;

/**
 * The handler issued a different operation than the journal recorded at the same position (type,
 * name or sub-type differ). The execution fails: replaying it further could repeat side effects or
 * return wrong results. Recovery: keep the old code path for runs in flight (branch on a versioned
 * input or a recorded step), or let old runs finish before deploying the change.
 */
public class NonDeterministicExecutionException extends DurableException {
  public NonDeterministicExecutionException(String message) {
    super(message);
  }
}
