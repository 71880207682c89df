package dev.durable.local;

import java.time.Instant;

/**
 * Something the worker did, reported to the listener given to
 * {@link LocalRuntimeBuilder#onEvent}. The CLI's {@code worker} command prints one line per
 * event. Listeners run on worker threads: keep them fast, and they must not throw.
 *
 * @param at when it happened (the runtime's clock)
 * @param kind what happened
 * @param executionId the execution concerned
 * @param functionName its registered function
 * @param detail e.g. the invocation's status ({@code SUCCEEDED}, {@code FAILED}, {@code PENDING})
 *     or the crash's error
 */
public record RuntimeEvent(Instant at, Kind kind, String executionId, String functionName, String detail) {

  /** The kinds of worker events. */
  public enum Kind {
    /** An invocation ended and reported its output; {@code detail} is the status. */
    INVOCATION_ENDED,
    /** An invocation threw out of the engine; it is retried after a backoff. */
    INVOCATION_CRASHED,
    /** A run whose worker died (its lease expired mid-invocation) was taken over. */
    RUN_RECOVERED,
    /** A chained invoke started its target as a child run; {@code executionId} is the child. */
    CHILD_STARTED
  }
}
