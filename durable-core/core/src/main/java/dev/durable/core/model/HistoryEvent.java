package dev.durable.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One entry of an execution's history, in the shape of {@code GetDurableExecutionHistory}
 * (reference §2.8). The type-specific detail members are flattened into nullable fields; the
 * Lambda adapter maps them to the wire's nested detail objects.
 *
 * @param eventId 1-based position in the history ({@code ExecutionStarted} is 1)
 * @param eventType e.g. {@code StepStarted}, {@code WaitSucceeded}, {@code InvocationCompleted}
 * @param subType the operation's sub-type, null for execution and invocation events
 * @param id the operation id, null for invocation events
 * @param name the operation name
 * @param parentId the enclosing context's id
 * @param timestamp when the event happened (service clock)
 * @param payload result or input payload, when the event carries one
 * @param error the error, when the event carries one
 * @param attempt {@code RetryDetails.CurrentAttempt} for step events
 * @param nextAttemptDelaySeconds {@code RetryDetails.NextAttemptDelaySeconds} for a step retry
 * @param durationSeconds wait duration for wait events
 * @param scheduledEnd scheduled end of a wait
 * @param callbackId the callback id for callback events
 * @param timeoutSeconds callback timeout, or execution timeout for {@code ExecutionStarted}
 * @param heartbeatTimeoutSeconds callback heartbeat timeout
 * @param functionName chained-invoke target
 * @param invocationStart start of the invocation, for {@code InvocationCompleted}
 * @param durableExecutionArn the target execution of a {@code ChainedInvokeStarted}
 * @param executedVersion the target function version of a {@code ChainedInvokeStarted}
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEvent(
    int eventId,
    String eventType,
    String subType,
    String id,
    String name,
    String parentId,
    Instant timestamp,
    String payload,
    ErrorObject error,
    Integer attempt,
    Integer nextAttemptDelaySeconds,
    Integer durationSeconds,
    Instant scheduledEnd,
    String callbackId,
    Integer timeoutSeconds,
    Integer heartbeatTimeoutSeconds,
    String functionName,
    Instant invocationStart,
    String durableExecutionArn,
    String executedVersion) {

  /** An event without chained-invoke target details (every type but ChainedInvokeStarted). */
  public HistoryEvent(int eventId, String eventType, String subType, String id, String name,
      String parentId, Instant timestamp, String payload, ErrorObject error, Integer attempt,
      Integer nextAttemptDelaySeconds, Integer durationSeconds, Instant scheduledEnd,
      String callbackId, Integer timeoutSeconds, Integer heartbeatTimeoutSeconds,
      String functionName, Instant invocationStart) {
    this(eventId, eventType, subType, id, name, parentId, timestamp, payload, error, attempt,
        nextAttemptDelaySeconds, durationSeconds, scheduledEnd, callbackId, timeoutSeconds,
        heartbeatTimeoutSeconds, functionName, invocationStart, null, null);
  }
}
