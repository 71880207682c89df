package dev.durable.core;

/**
 * A durable operation was called with bad arguments or in a place where it is not allowed (for
 * example a blank step name, a wait of less than one second, or {@code ctx.step} called inside
 * another step's body). The message names the argument, the value and the fix. Nothing was written
 * to the journal.
 */
public class IllegalDurableOperationException extends DurableException {
  public IllegalDurableOperationException(String message) {
    super(message);
  }
}
