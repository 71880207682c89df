package dev.durable.core;

/**
 * A named branch of a {@link DurableContext#parallel parallel}.
 *
 * @param name the branch's child-context name
 * @param body what the branch does
 * @param <T> result type
 */
public record Branch<T>(String name, ChildBody<T> body) {
  /** A branch. */
  public static <T> Branch<T> of(String name, ChildBody<T> body) {
    return new Branch<>(name, body);
  }
}
