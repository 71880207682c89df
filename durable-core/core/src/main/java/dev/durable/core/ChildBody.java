package dev.durable.core;

/**
 * The body of a child context (also a map iteration or a parallel branch): durable operations inside
 * it get their own deterministic ids, so it may run concurrently with its siblings.
 *
 * @param <T> result type
 */
@FunctionalInterface
public interface ChildBody<T> {
  /** Runs the child's operations through {@code ctx}. */
  T run(DurableContext ctx) throws Exception;
}
