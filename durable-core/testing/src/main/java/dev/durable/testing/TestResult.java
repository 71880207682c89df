package dev.durable.testing;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.serde.SerDes;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Where a test run stands: the execution status, the result or error, the journal and the history.
 *
 * @param executionArn the execution
 * @param status RUNNING while it waits (for a callback, or for time the test did not skip)
 * @param result the deserialized result when SUCCEEDED
 * @param error the error when FAILED, TIMED_OUT or STOPPED
 * @param operations the journal, in start order
 * @param history the history events
 * @param invocations how many invocations ran so far
 * @param serDes the serializer used for results
 * @param <O> output type
 */
public record TestResult<O>(
    String executionArn,
    ExecutionStatus status,
    O result,
    ErrorObject error,
    List<Operation> operations,
    List<HistoryEvent> history,
    int invocations,
    SerDes serDes) {

  /** True if the execution succeeded. */
  public boolean isSucceeded() {
    return status == ExecutionStatus.SUCCEEDED;
  }

  /** True if the execution failed. */
  public boolean isFailed() {
    return status == ExecutionStatus.FAILED;
  }

  /** The first operation with this name; throws if there is none. */
  public TestOperation operation(String name) {
    return operations.stream()
        .filter(o -> Objects.equals(o.name(), name))
        .findFirst()
        .map(o -> new TestOperation(o, serDes))
        .orElseThrow(() -> new NoSuchElementException("no operation named '" + name + "' in the journal; names: "
            + operations.stream().map(Operation::name).filter(Objects::nonNull).toList()));
  }

  /** Every operation with this name (a name may repeat, e.g. in loops). */
  public List<TestOperation> operations(String name) {
    return operations.stream().filter(o -> Objects.equals(o.name(), name))
        .map(o -> new TestOperation(o, serDes)).toList();
  }

  /** The event types of the history, in order, e.g. {@code [ExecutionStarted, StepStarted, ...]}. */
  public List<String> eventTypes() {
    return history.stream().map(HistoryEvent::eventType).toList();
  }
}
