package dev.durable.conformance;

import java.time.Instant;
import java.util.List;

/** One case's execution on a backend, as {@link Driver} steers it. */
interface Session extends AutoCloseable {

  /** Lets everything due at the present moment happen (invocations, targets, timers). */
  void settle();

  /** True once the execution has ended. */
  boolean ended();

  /** The history so far, ExecutionStarted first. */
  List<ObservedEvent> history();

  /** The service's present time. */
  Instant now();

  /** The next deadline the service will act on, or null. */
  Instant nextTimer();

  /** The execution's own timeout, or null. */
  Instant timeoutAt();

  /** Moves the service's clock to {@code t}; what comes due fires. */
  void advanceTo(Instant t);

  /** Sends callback completions as the external system would. */
  CallbackDriver.Sender sender();

  /** Status, result, error and history as the service reports them. */
  Backend.Outcome outcome();

  @Override
  void close();
}
