package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.ExecutionStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Starting executions, idempotently by execution name (reference §2.9): a name is unique per
 * function; a running execution with the same input is returned instead of a new one.
 */
final class ExecutionStarter {
  private final ExecutionStore store;
  private final ExecutionCache cache;
  private final ServiceOptions options;
  private final Clock clock;

  ExecutionStarter(ExecutionStore store, ExecutionCache cache, ServiceOptions options,
      Clock clock) {
    this.store = store;
    this.cache = cache;
    this.options = options;
    this.clock = clock;
  }

  /** Starts (or finds) an execution; {@code parentId}/{@code parentOpId} link a chained invoke. */
  StartResult start(String functionName, String executionName, String input, Duration timeout,
      String parentId, String parentOpId) {
    if (functionName == null || functionName.isBlank() || functionName.indexOf('/') >= 0
        || functionName.length() > 256) {
      throw invalid("Invalid function name '" + functionName + "': it must not be blank, contain"
          + " '/' or be longer than 256 characters.");
    }
    if (executionName != null && !Ids.isIdentifier(executionName, 64)) {
      throw invalid("Invalid execution name '" + executionName
          + "': an execution name is 1 to 64 characters of [a-zA-Z0-9_-].");
    }
    Duration t = timeout == null ? options.defaultExecutionTimeout() : timeout;
    if (t.compareTo(Duration.ofSeconds(1)) < 0
        || t.compareTo(ServiceOptions.MAX_EXECUTION_TIMEOUT) > 0) {
      throw invalid("Invalid execution timeout " + t + ": it must be between 1 second and 366"
          + " days (31622400 seconds).");
    }
    int bytes = Limits.utf8Length(input);
    if (bytes > Limits.MAX_EXECUTION_PAYLOAD_BYTES) {
      throw invalid("Execution input is " + bytes + " bytes, over the limit of "
          + Limits.MAX_EXECUTION_PAYLOAD_BYTES + " bytes.");
    }
    String name = executionName != null ? executionName
        : parentId != null ? Ids.chainedTargetName(parentId, parentOpId) : null;
    if (name != null) {
      Optional<StartResult> existing = existing(functionName, name, input, parentId, parentOpId);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    // a chained invoke's target has an id derived from the call, so the caller's history can
    // name the target execution when the invoke starts, before the target exists
    String id = parentId != null && executionName == null
        ? Ids.chainedTargetId(parentId, parentOpId) : options.idGenerator().get();
    if (!Ids.isIdentifier(id, 64)) {
      throw new IllegalStateException("The id generator returned an invalid id: " + id);
    }
    name = name != null ? name : id;
    String arn = Ids.executionArn(options, functionName, name, id);
    LiveExecution x = ExecutionLifecycle.create(id, arn, functionName, name, input, t, parentId,
        parentOpId, clock.instant());
    try {
      cache.create(x);
    } catch (StoreConflictException e) {
      // Another start with the same name won the race: answer as if it had come first.
      return existing(functionName, name, input, parentId, parentOpId).orElseThrow(() -> e);
    }
    return new StartResult(arn, id, true);
  }

  private Optional<StartResult> existing(String functionName, String name, String input,
      String parentId, String parentOpId) {
    Optional<String> id = store.findByName(functionName, name);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    ExecutionRecord e = cache.withExecution(id.get(), LiveExecution::toRecord);
    StartResult same = new StartResult(e.executionArn(), e.executionId(), false);
    if (parentId != null && parentId.equals(e.parentExecutionId())
        && Objects.equals(parentOpId, e.parentOperationId())) {
      return Optional.of(same); // the target of this chained invoke, started before
    }
    if (e.status() == ExecutionStatus.RUNNING) {
      if (Objects.equals(input, e.inputPayload())) {
        return Optional.of(same);
      }
      throw new ServiceException(ServiceException.ALREADY_STARTED, 409, "Execution name '" + name
          + "' of function " + functionName + " is already used by running execution "
          + e.executionArn() + " with a different input.");
    }
    throw new ServiceException(ServiceException.ALREADY_STARTED, 409, "Execution name '" + name
        + "' of function " + functionName + " was already used by execution "
        + e.executionArn() + ", which is closed (" + e.status() + "); a name cannot be reused"
        + " while the execution's history is kept.");
  }
}
