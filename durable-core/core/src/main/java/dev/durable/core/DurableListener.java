package dev.durable.core;

/**
 * Hooks into the engine, for metrics, tracing and test tools (the crash-point explorer counts step
 * bodies with it and injects crashes between a body and its checkpoint). All methods default to
 * no-ops and run on the workflow thread: keep them fast.
 */
public interface DurableListener {
  /** A listener that does nothing. */
  DurableListener NONE = new DurableListener() {};

  /** A step body (or a waitForCondition check) is about to run. */
  default void onStepAttemptStart(StepAttempt attempt) {}

  /** A step body finished; {@code error} is null on success. Runs before the result is checkpointed. */
  default void onStepAttemptEnd(StepAttempt attempt, Throwable error) {}

  /**
   * One attempt of a step body.
   *
   * @param executionArn the execution
   * @param operationId the step's operation id
   * @param name the step's name
   * @param attempt 1-based attempt number
   * @param semantics the step's semantics
   */
  record StepAttempt(
      String executionArn, String operationId, String name, int attempt, StepSemantics semantics) {}
}
