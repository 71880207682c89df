package dev.durable.core;

import dev.durable.core.serde.SerDes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The durable operations a {@link DurableFunction} uses. Every operation is journaled under a
 * deterministic id derived from its position, so the function must issue the same operations in
 * the same order each time it runs (its names and kinds are checked on replay).
 *
 * <pre>{@code
 * Receipt apply(Order order, DurableContext ctx) {
 *   var check = ctx.step("validate", Validation.class, s -> validator.check(order));
 *   ctx.wait("cool-off", Duration.ofMinutes(5));
 *   Approval ok = ctx.waitForCallback("manager-ok", Approval.class,
 *       (callbackId, s) -> notifier.ask(callbackId, order), CallbackOptions.timeout(Duration.ofDays(2)));
 *   return ctx.step("complete", Receipt.class, s -> fulfil(order));
 * }
 * }</pre>
 *
 * <p>Names: 1..256 printable ASCII characters. Operations may not be started inside a step body;
 * use a child context for nesting. A context may be used from several threads only through the
 * child contexts that {@link #runInChildContextAsync}, {@link #map} and {@link #parallel} create.
 */
public interface DurableContext {

  /** Runs {@code body} once (with default retries) and journals its result. */
  default <T> T step(String name, Class<T> type, StepBody<T> body) {
    return step(name, TypeToken.of(type), body, StepOptions.defaults());
  }

  /** Runs {@code body} with the given options and journals its result. */
  default <T> T step(String name, Class<T> type, StepBody<T> body, StepOptions options) {
    return step(name, TypeToken.of(type), body, options);
  }

  /** Runs {@code body} for a generic result type. */
  default <T> T step(String name, TypeToken<T> type, StepBody<T> body, StepOptions options) {
    return stepAsync(name, type, body, options).get();
  }

  /** Starts a step on another thread; its id is fixed now, so the order of calls is what counts. */
  <T> DurableFuture<T> stepAsync(String name, TypeToken<T> type, StepBody<T> body, StepOptions options);

  /** Sleeps durably for {@code duration} (1 second to 366 days); the run holds no thread meanwhile. */
  default void wait(String name, Duration duration) {
    waitAsync(name, duration).get();
  }

  /** Starts a durable sleep; {@code get()} on the future waits for its end. */
  DurableFuture<Void> waitAsync(String name, Duration duration);

  /** Creates a callback whose id can be handed to an external system; {@code get()} awaits it. */
  default <T> DurableCallback<T> createCallback(String name, Class<T> type, CallbackOptions options) {
    return createCallback(name, TypeToken.of(type), options);
  }

  /** Creates a callback with a generic result type. */
  <T> DurableCallback<T> createCallback(String name, TypeToken<T> type, CallbackOptions options);

  /**
   * Creates a callback, runs {@code submitter} as a step with its id, and waits for the result. All
   * three are journaled in one child context named {@code name}.
   */
  default <T> T waitForCallback(
      String name, Class<T> type, CallbackSubmitter submitter, CallbackOptions options) {
    return waitForCallback(name, TypeToken.of(type), submitter, options, StepOptions.defaults());
  }

  /** {@link #waitForCallback} with a generic type and options for the submitter step. */
  <T> T waitForCallback(
      String name, TypeToken<T> type, CallbackSubmitter submitter, CallbackOptions options,
      StepOptions submitterOptions);

  /** Runs {@code body} in a child context with its own operation ids; journals its result. */
  default <T> T runInChildContext(String name, Class<T> type, ChildBody<T> body) {
    return runInChildContextAsync(name, TypeToken.of(type), body).get();
  }

  /**
   * Runs {@code body} in a child context whose result is journaled with {@code serDes} (null = the
   * function's); the value returned is the one read back through it, on the first run as on replay.
   */
  <T> T runInChildContext(String name, TypeToken<T> type, ChildBody<T> body, SerDes serDes);

  /** Runs {@code body} in a child context on another thread. */
  <T> DurableFuture<T> runInChildContextAsync(String name, TypeToken<T> type, ChildBody<T> body);

  /** Applies {@code body} to each item in its own child context, concurrently. */
  default <I, O> BatchResult<O> map(
      String name, List<I> items, Class<O> type, MapBody<I, O> body, BatchOptions options) {
    return map(name, items, TypeToken.of(type), body, options);
  }

  /** {@link #map} with a generic result type. */
  <I, O> BatchResult<O> map(
      String name, List<I> items, TypeToken<O> type, MapBody<I, O> body, BatchOptions options);

  /** Runs the branches concurrently, each in its own child context. */
  default <T> BatchResult<T> parallel(
      String name, Class<T> type, List<Branch<T>> branches, BatchOptions options) {
    return parallel(name, TypeToken.of(type), branches, options);
  }

  /** {@link #parallel} with a generic result type. */
  <T> BatchResult<T> parallel(
      String name, TypeToken<T> type, List<Branch<T>> branches, BatchOptions options);

  /** Invokes another durable function by name and waits for its result (a chained invoke). */
  default <T> T invoke(String name, String functionName, Object payload, Class<T> type) {
    return invoke(name, functionName, payload, TypeToken.of(type), InvokeOptions.defaults());
  }

  /** {@link #invoke} with a generic type and options. */
  <T> T invoke(String name, String functionName, Object payload, TypeToken<T> type, InvokeOptions options);

  /**
   * Polls {@code check} until it says stop, sleeping durably between checks as {@code strategy}
   * says; returns the final state.
   */
  default <S> S waitForCondition(
      String name, Class<S> type, S initialState, ConditionCheck<S> check, WaitStrategy strategy) {
    return waitForCondition(name, TypeToken.of(type), initialState, check, strategy);
  }

  /** {@link #waitForCondition} with a generic state type. */
  <S> S waitForCondition(
      String name, TypeToken<S> type, S initialState, ConditionCheck<S> check, WaitStrategy strategy);

  /**
   * The current time, journaled as a step named {@code now}: the same value on every replay. Each
   * call is an operation, so call it where its position is deterministic.
   */
  Instant now();

  /**
   * A random generator seeded from the execution id and the call's position in this context: the
   * same numbers on every replay, without a journal entry.
   */
  Random random();

  /** A UUID derived like {@link #random()}: stable across replays. */
  UUID uuid();

  /** A logger that is silent while this context replays. */
  DurableLogger logger();

  /** True while this context is re-running operations that are already in the journal. */
  boolean isReplaying();

  /** The execution's ARN (or the embedded runtime's execution id). */
  String executionArn();
}
