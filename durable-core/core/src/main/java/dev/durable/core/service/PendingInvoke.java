package dev.durable.core.service;

/**
 * A chained invoke the handler checkpointed that has no target execution yet. The runtime starts
 * the target with {@link DurableExecutionService#startExecution(String, String, String,
 * java.time.Duration, String, String)}, or completes the operation itself.
 *
 * @param executionArn the calling execution
 * @param operationId the CHAINED_INVOKE operation
 * @param functionName the function to invoke, exactly as the handler named it
 * @param payload the serialized input for the target
 */
public record PendingInvoke(
    String executionArn, String operationId, String functionName, String payload) {}
