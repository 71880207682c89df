package dev.durable.core.service;

import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationUpdate;
import java.util.List;

/**
 * The only interface the replay engine talks to: the checkpoint API of a durable-execution service.
 * Implemented by the in-memory and embedded services ({@link DurableExecutionService}) and by the
 * AWS adapter ({@code LambdaClient.checkpointDurableExecution} / {@code getDurableExecutionState}).
 *
 * <p>Each {@link #checkpoint} call consumes {@code checkpointToken} and returns a new one; calls are
 * therefore sequential per invocation. Errors are thrown as {@link ServiceException}.
 */
public interface DurableService {

  /**
   * Records {@code updates} atomically (all or none) and returns the new token plus every operation
   * that changed since this invocation last heard from the service. An empty list polls.
   */
  CheckpointResult checkpoint(String executionArn, String checkpointToken, List<OperationUpdate> updates);

  /** Pages through the execution's operations, ordered by start sequence. */
  StatePage getState(String executionArn, String checkpointToken, String marker, int maxItems);

  /**
   * Result of a checkpoint call.
   *
   * @param checkpointToken the token for the next call (null after a terminal EXECUTION update)
   * @param operations operations that changed since the last call of this invocation
   * @param nextMarker non-null when more changed operations must be fetched with getState
   */
  record CheckpointResult(String checkpointToken, List<Operation> operations, String nextMarker) {}

  /**
   * One page of operations.
   *
   * @param operations the page
   * @param nextMarker the marker of the next page, or null on the last page
   */
  record StatePage(List<Operation> operations, String nextMarker) {}
}
