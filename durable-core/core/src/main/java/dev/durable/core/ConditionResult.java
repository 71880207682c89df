package dev.durable.core;

/**
 * Outcome of one {@link ConditionCheck}.
 *
 * @param state the new state, journaled
 * @param done true to stop polling and return {@code state}
 * @param <S> state type
 */
public record ConditionResult<S>(S state, boolean done) {
  /** The condition holds: return {@code state}. */
  public static <S> ConditionResult<S> stop(S state) {
    return new ConditionResult<>(state, true);
  }

  /** Not yet: sleep durably, then check again with {@code state}. */
  public static <S> ConditionResult<S> keepPolling(S state) {
    return new ConditionResult<>(state, false);
  }
}
