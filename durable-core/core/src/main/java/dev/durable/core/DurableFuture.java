package dev.durable.core;

/**
 * The pending result of an asynchronous durable operation. {@link #get()} blocks the calling
 * workflow thread; if nothing else can progress, the invocation suspends (holding no thread) and
 * resumes by replay when the result is there.
 *
 * @param <T> result type
 */
public interface DurableFuture<T> {
  /** Waits for the result; throws the operation's failure as a {@link DurableException}. */
  T get();

  /** True when the result (or failure) is available without waiting. */
  boolean isDone();
}
