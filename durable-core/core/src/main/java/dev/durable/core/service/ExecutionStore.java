package dev.durable.core.service;

import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Storage SPI under {@link DurableExecutionService}: the service implements every rule of the
 * durable-execution protocol once; a store only persists. Implemented in memory by the test kit and
 * on SQLite by the embedded runtime.
 *
 * <p>Contract: {@link #write} is atomic (the execution row, the operations and the events of one
 * write become visible together or not at all) and optimistic: it fails with
 * {@link StoreConflictException} when the stored version is not {@code expectedVersion}.
 */
public interface ExecutionStore extends AutoCloseable {

  /** The execution with all its operations (ordered by start sequence), or empty if unknown. */
  Optional<StoredExecution> load(String executionId);

  /**
   * The execution's row alone, without its operations: for status polls, which should not read a
   * whole history. The default loads everything; a store with a cheaper read overrides it.
   */
  default Optional<ExecutionRecord> record(String executionId) {
    return load(executionId).map(StoredExecution::execution);
  }

  /** Applies one atomic change; see the class comment. */
  void write(ExecutionWrite write);

  /** The id of the execution started under this function and execution name, if any. */
  Optional<String> findByName(String functionName, String executionName);

  /** The id of the execution that owns this callback id, if any. */
  Optional<String> findByCallbackId(String callbackId);

  /** Ids of running executions whose {@code wakeAt} is at or before {@code now}, oldest first. */
  List<String> dueExecutions(Instant now, int limit);

  /** The earliest {@code wakeAt} of any running execution. */
  Optional<Instant> nextWakeAt();

  /** Ids of running executions that wait for an invocation ({@code invocationRequested}). */
  List<String> executionsAwaitingInvocation(int limit);

  /**
   * Ids of running executions that hold a CHAINED_INVOKE operation in status STARTED without a
   * {@link OperationRecord#childExecutionId() child execution}: invokes whose target still has to
   * be started. The service asks for them so that such an invoke survives a process restart.
   *
   * <p>The default scans up to 1000 running executions and loads each one; a store with more
   * executions should keep an index and override it.
   */
  default List<String> executionsWithPendingInvokes(int limit) {
    List<String> ids = new ArrayList<>();
    ExecutionQuery running = new ExecutionQuery(
        null, ExecutionStatus.RUNNING, null, null, 1000);
    for (ExecutionRecord execution : list(running)) {
      if (ids.size() >= limit) {
        break;
      }
      load(execution.executionId())
          .filter(stored -> stored.operations().stream().anyMatch(OperationRecord::isPendingInvoke))
          .ifPresent(stored -> ids.add(execution.executionId()));
    }
    return ids;
  }

  /** The execution's history events in order. */
  List<HistoryEvent> history(String executionId);

  /** Executions matching the query, newest first. */
  List<ExecutionRecord> list(ExecutionQuery query);

  @Override
  default void close() {}
}
