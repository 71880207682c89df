package dev.durable.core;

/** How often a step body may run per attempt when the process can die mid-attempt. */
public enum StepSemantics {
  /**
   * The default: if the process dies during an attempt, the attempt's body runs again. Use for
   * idempotent work (reads, LLM calls, idempotent APIs).
   */
  AT_LEAST_ONCE_PER_RETRY,
  /**
   * The attempt's start is journaled before the body runs; an attempt interrupted by a crash is not
   * run again but fails with {@link StepInterruptedException}, which the retry policy then handles.
   * Use for side effects without idempotency (charging a card through an API without keys).
   */
  AT_MOST_ONCE_PER_RETRY
}
