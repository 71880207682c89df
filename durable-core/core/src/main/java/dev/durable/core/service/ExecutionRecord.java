package dev.durable.core.service;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import java.time.Instant;

/**
 * The execution row a store keeps.
 *
 * @param executionId unique id (last segment of the ARN)
 * @param executionArn the ARN handed to the handler
 * @param functionName the durable function's registered name
 * @param executionName the caller's idempotency name (generated when none was given)
 * @param status RUNNING until the execution ends
 * @param inputPayload the serialized input
 * @param result serialized result when SUCCEEDED
 * @param error error when FAILED, TIMED_OUT or STOPPED
 * @param startTimestamp start time
 * @param endTimestamp end time, null while running
 * @param timeoutAt when the execution times out
 * @param tokenSeq sequence of the only checkpoint token currently valid (0 = none)
 * @param seenChangeSeq change counter value the current invocation has already seen
 * @param changeSeq the execution's change counter
 * @param opSeq number of operations created so far
 * @param eventCount number of history events so far
 * @param wakeAt earliest timer of this execution (wait end, retry due, callback timeout, execution
 *     timeout), null if none
 * @param invocationRequested true when the execution must be (re-)invoked: something it waits for
 *     completed, or it was just started
 * @param invocationActive true while an invocation holds a checkpoint token
 * @param invocationStartedAt when the current invocation began
 * @param parentExecutionId for a chained invoke: the calling execution
 * @param parentOperationId for a chained invoke: the CHAINED_INVOKE operation to complete
 */
public record ExecutionRecord(
    String executionId,
    String executionArn,
    String functionName,
    String executionName,
    ExecutionStatus status,
    String inputPayload,
    String result,
    ErrorObject error,
    Instant startTimestamp,
    Instant endTimestamp,
    Instant timeoutAt,
    long tokenSeq,
    long seenChangeSeq,
    long changeSeq,
    long opSeq,
    int eventCount,
    Instant wakeAt,
    boolean invocationRequested,
    boolean invocationActive,
    Instant invocationStartedAt,
    String parentExecutionId,
    String parentOperationId) {}
