package dev.durable.core.service;

import dev.durable.core.model.ExecutionStatus;
import java.time.Instant;

/**
 * Filter for listing executions; null members match everything.
 *
 * @param functionName only this function
 * @param status only this status
 * @param startedAfter only executions started after this instant
 * @param startedBefore only executions started before this instant
 * @param limit at most this many (1..1000)
 */
public record ExecutionQuery(
    String functionName, ExecutionStatus status, Instant startedAfter, Instant startedBefore, int limit) {

  /** Everything, up to 1000 rows. */
  public static ExecutionQuery all() {
    return new ExecutionQuery(null, null, null, null, 1000);
  }
}
