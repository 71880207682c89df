package dev.durable.core;

/**
 * A durable workflow: {@code (input, ctx) -> output}. The body must be deterministic apart from what
 * it does through {@code ctx}: every durable operation (step, wait, callback, child context, map,
 * parallel, invoke) is journaled, and after a pause or a crash the function is run again from the
 * top while the journal supplies the recorded results.
 *
 * <pre>{@code
 * DurableFunction<Order, Receipt> orders = (order, ctx) -> {
 *   Validation v = ctx.step("validate", Validation.class, s -> validator.check(order));
 *   Payment p = ctx.step("charge", Payment.class,
 *       s -> payments.charge(order, s.idempotencyKey()), StepOptions.atMostOncePerRetry());
 *   ctx.wait("cool-off", Duration.ofMinutes(5));   // holds no thread while waiting
 *   return ctx.step("complete", Receipt.class, s -> fulfil(order, p));
 * };
 * }</pre>
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface DurableFunction<I, O> {
  /** Runs (or replays) the workflow. May throw checked exceptions: they fail the execution. */
  O apply(I input, DurableContext ctx) throws Exception;
}
