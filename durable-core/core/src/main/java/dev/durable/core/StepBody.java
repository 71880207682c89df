package dev.durable.core;

/**
 * The body of a step: runs at most once per successful attempt, its result is journaled.
 *
 * @param <T> result type
 */
@FunctionalInterface
public interface StepBody<T> {
  /** Runs the step's work; checked exceptions are allowed and go through the retry policy. */
  T run(StepContext step) throws Exception;
}
