package dev.durable.core;

/**
 * One poll of a {@link DurableContext#waitForCondition waitForCondition}: look at the world, return
 * the new state and whether to stop.
 *
 * @param <S> state type
 */
@FunctionalInterface
public interface ConditionCheck<S> {
  /** Checks once; {@code state} is the previous check's state (the initial state at first). */
  ConditionResult<S> check(S state, StepContext step) throws Exception;
}
