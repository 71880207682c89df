package dev.durable.core;

/**
 * The function a {@link DurableContext#map map} applies to each item, in its own child context.
 *
 * @param <I> item type
 * @param <O> result type
 */
@FunctionalInterface
public interface MapBody<I, O> {
  /** Maps one item; {@code index} is its zero-based position in the input list. */
  O apply(I item, int index, DurableContext ctx) throws Exception;
}
