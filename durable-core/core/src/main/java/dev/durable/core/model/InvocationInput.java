package dev.durable.core.model;

import java.util.List;

/**
 * What the service hands the handler at the start of an invocation (reference §2.1).
 *
 * @param executionArn the durable execution's ARN (or the embedded runtime's equivalent id)
 * @param checkpointToken the token for the first checkpoint call
 * @param operations the first page of the journal; the EXECUTION operation comes first
 * @param nextMarker non-null when more pages must be fetched with {@code getState}
 * @param updatedOperationIds operations changed since the previous invocation
 */
public record InvocationInput(
    String executionArn,
    String checkpointToken,
    List<Operation> operations,
    String nextMarker,
    List<String> updatedOperationIds) {

  public InvocationInput {
    operations = List.copyOf(operations);
    updatedOperationIds = updatedOperationIds == null ? List.of() : List.copyOf(updatedOperationIds);
  }
}
