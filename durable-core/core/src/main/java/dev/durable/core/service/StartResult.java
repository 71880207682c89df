package dev.durable.core.service;

/**
 * Outcome of {@link DurableExecutionService#startExecution}.
 *
 * @param executionArn the execution's ARN; pass it to every other call
 * @param executionId the execution's id (the ARN's last segment)
 * @param created false when an idempotent start returned an execution that already existed
 */
public record StartResult(String executionArn, String executionId, boolean created) {}
