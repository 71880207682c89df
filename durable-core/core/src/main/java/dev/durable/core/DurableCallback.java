package dev.durable.core;

/**
 * A callback created by {@link DurableContext#createCallback}: send {@link #id()} to an external
 * system, which completes it through the service's callback API; {@link #get()} waits for it.
 *
 * @param <T> result type
 */
public interface DurableCallback<T> extends DurableFuture<T> {
  /** The service-generated callback id. */
  String id();
}
