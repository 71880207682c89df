package dev.durable.core.service;

import static dev.durable.core.service.ServiceException.invalid;

import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The service side of the Lambda durable-execution protocol, implemented once over an
 * {@link ExecutionStore}: checkpoint validation and token rotation, timers, retries, callbacks,
 * chained invokes, the execution lifecycle and its history (reference §1.9, §2.1–§2.10).
 *
 * <p>A runtime drives it like Lambda drives a durable function: {@link #startExecution}, then for
 * each execution in {@link #executionsAwaitingInvocation} call {@link #beginInvocation}, run the
 * handler (which calls {@link #checkpoint} / {@link #getState}) and report with
 * {@link #endInvocation} or {@link #invocationCrashed}. Call {@link #fireDueTimers} when
 * {@link #nextTimer} comes due and start targets of {@link #pendingInvokes}.
 *
 * <p>Methods taking an execution ARN also accept the bare execution id. Time comes only from the
 * injected clock. Thread-safe; calls on different executions do not contend. Errors are
 * {@link ServiceException}s with the service's codes and messages.
 */
public final class DurableExecutionService implements DurableService {
  private static final int SCAN_LIMIT = 1000;

  private final ExecutionStore store;
  private final Clock clock;
  private final ServiceOptions options;
  private final ExecutionCache cache;
  private final ExecutionStarter starter;

  /** A service with {@link ServiceOptions#defaults()}. */
  public DurableExecutionService(ExecutionStore store, Clock clock) {
    this(store, clock, ServiceOptions.defaults());
  }

  /** A service over {@code store}, telling time by {@code clock}. */
  public DurableExecutionService(ExecutionStore store, Clock clock, ServiceOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.cache = new ExecutionCache(store, this::followUp);
    this.starter = new ExecutionStarter(store, cache, options, clock);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /**
   * Starts an execution and asks for its first invocation. Idempotent by name (reference §2.9):
   * a RUNNING execution of the same function and name with the same input is returned with
   * {@code created=false}; a different input, or a name whose execution has closed, is refused
   * with {@link ServiceException#ALREADY_STARTED} (HTTP 409).
   *
   * @param functionName the durable function; not blank, no '/'
   * @param executionName 1..64 characters of {@code [a-zA-Z0-9_-]}, or null for a generated one
   * @param inputPayload the serialized input (at most 6 MB)
   * @param executionTimeout 1 s to 366 days, or null for the configured default
   */
  public StartResult startExecution(String functionName, String executionName,
      String inputPayload, Duration executionTimeout) {
    return starter.start(functionName, executionName, inputPayload, executionTimeout, null, null);
  }

  /**
   * Starts the target of a chained invoke and links it to the calling operation: when it closes,
   * the operation completes accordingly and the caller is invoked again. Without a name, the name
   * is derived from the caller and operation, so starting the same target twice is harmless.
   *
   * @param parentExecutionArn the calling execution
   * @param parentOperationId its CHAINED_INVOKE operation
   */
  public StartResult startExecution(String functionName, String executionName,
      String inputPayload, Duration executionTimeout, String parentExecutionArn,
      String parentOperationId) {
    if (parentExecutionArn == null) {
      return startExecution(functionName, executionName, inputPayload, executionTimeout);
    }
    String parentId = Ids.executionId(parentExecutionArn);
    cache.withExecution(parentId, p -> InvokeRules.requireInvoke(p, parentOperationId));
    StartResult started = starter.start(functionName, executionName, inputPayload,
        executionTimeout, parentId, parentOperationId);
    linkChildExecution(parentExecutionArn, parentOperationId, started.executionArn());
    return started;
  }

  /**
   * Begins an invocation of a RUNNING execution: issues a new checkpoint token (every older token
   * dies, including a still-running invocation's, whose end is then recorded as superseded) and
   * returns the first page of operations (EXECUTION first, then start order) plus the ids of
   * operations that changed since the handler last heard from the service. Due timers fire first.
   */
  public InvocationInput beginInvocation(String executionArn) {
    return cache.withExecution(Ids.executionId(executionArn),
        x -> ExecutionLifecycle.begin(x, clock.instant(), options.maxItemsPerPage()));
  }

  /**
   * Ends the active invocation with the handler's output and records InvocationCompleted.
   * {@code checkpointToken} may be any token of this invocation (the runtime typically passes the
   * first). SUCCEEDED and FAILED close the execution; an empty result or missing error is taken
   * from an earlier EXECUTION checkpoint. PENDING keeps it running, and asks for another invocation
   * if something completed that the handler never saw; PENDING with nothing pending fails the
   * execution with "Cannot return PENDING status with no pending operations." (the service refuses
   * such a result, and nothing could ever wake the execution again). If the execution was stopped
   * or timed out meanwhile, only InvocationCompleted is recorded.
   */
  public void endInvocation(String executionArn, String checkpointToken,
      InvocationOutput output) {
    cache.withExecution(Ids.executionId(executionArn), x -> {
      ExecutionLifecycle.end(x, checkpointToken, output, clock.instant());
      return null;
    });
  }

  /**
   * The invocation died (process exit, uncaught error, e.g. ErrorType {@code Runtime.ExitError}):
   * records InvocationCompleted with {@code error}, invalidates its token and asks for another
   * invocation; the execution stays RUNNING.
   */
  public void invocationCrashed(String executionArn, ErrorObject error) {
    cache.withExecution(Ids.executionId(executionArn), x -> {
      ExecutionLifecycle.crashed(x, error, clock.instant());
      return null;
    });
  }

  /**
   * Stops a running execution (StopDurableExecution): status STOPPED, ExecutionStopped event, no
   * more checkpoints or invocations. Returns the stop time.
   *
   * @param error recorded as the execution's error; may be null
   */
  public Instant stopExecution(String executionArn, ErrorObject error) {
    return cache.withExecution(Ids.executionId(executionArn),
        x -> ExecutionLifecycle.stop(x, error, clock.instant()));
  }

  // ---- the handler's API ----------------------------------------------------------------------

  /**
   * Validates the whole batch (reference §2.4, limits §2.10), applies it all or nothing, and
   * returns a new token with every operation the handler has not seen change, including this
   * batch's. A batch ending with an EXECUTION update gets no new token.
   */
  @Override
  public CheckpointResult checkpoint(String executionArn, String checkpointToken,
      List<OperationUpdate> updates) {
    List<OperationUpdate> batch = updates == null ? List.of() : updates;
    return cache.withExecution(Ids.executionId(executionArn), x -> CheckpointRules.checkpoint(
        x, checkpointToken, batch, clock.instant(), options.maxItemsPerPage()));
  }

  /** Pages through all operations in start order, or through a checkpoint response's rest. */
  @Override
  public StatePage getState(String executionArn, String checkpointToken, String marker,
      int maxItems) {
    return cache.withExecution(Ids.executionId(executionArn), x -> CheckpointRules.state(
        x, checkpointToken, marker, maxItems, options.maxItemsPerPage()));
  }

  // ---- timers ---------------------------------------------------------------------------------

  /**
   * Fires every deadline that is due: waits succeed, due retries become READY (no event),
   * callbacks time out ({@code Callback.Timeout} / {@code Callback.Heartbeat}), executions time
   * out. Executions not being invoked are asked for an invocation. Returns the ARNs of the
   * executions this call asked to invoke.
   */
  public List<String> fireDueTimers() {
    Instant now = clock.instant();
    Set<String> requested = new LinkedHashSet<>();
    for (int round = 0; round < 100; round++) {
      List<String> due = store.dueExecutions(now, SCAN_LIMIT);
      for (String id : due) {
        try {
          String arn = cache.withExecution(id, x -> TimerRules.fireDue(x, now)
              && x.status == ExecutionStatus.RUNNING && x.invocationRequested ? x.arn : null);
          if (arn != null) {
            requested.add(arn);
          }
        } catch (ServiceException e) {
          // deleted meanwhile: nothing to fire
        }
      }
      if (due.size() < SCAN_LIMIT) {
        break;
      }
    }
    return new ArrayList<>(requested);
  }

  /** The earliest deadline of any running execution, for the scheduler's sleep. */
  public Optional<Instant> nextTimer() {
    return store.nextWakeAt();
  }

  /** ARNs of running executions that wait for an invocation, oldest request first. */
  public List<String> executionsAwaitingInvocation() {
    List<String> arns = new ArrayList<>();
    for (String id : store.executionsAwaitingInvocation(SCAN_LIMIT)) {
      Optional<LiveExecution> x = cache.cached(id);
      if (x.isPresent()) {
        arns.add(x.get().arn);
      } else {
        store.load(id).ifPresent(s -> arns.add(s.execution().executionArn()));
      }
    }
    return arns;
  }

  // ---- callbacks (reference §2.7) -------------------------------------------------------------

  /**
   * SendDurableExecutionCallbackSuccess: completes the callback with {@code resultPayload} (at most
   * 262,144 bytes). Unknown id: ResourceNotFoundException; timed out: CallbackTimeoutException;
   * already completed: InvalidParameterValueException, and nothing changes.
   */
  public void completeCallback(String callbackId, String resultPayload) {
    withCallback(callbackId, x -> CallbackRules.succeed(x, callbackId, resultPayload,
        clock.instant()));
  }

  /** SendDurableExecutionCallbackFailure: fails the callback; errors as for completeCallback. */
  public void failCallback(String callbackId, ErrorObject error) {
    withCallback(callbackId, x -> CallbackRules.fail(x, callbackId, error, clock.instant()));
  }

  /** SendDurableExecutionCallbackHeartbeat: restarts the callback's heartbeat timeout. */
  public void heartbeatCallback(String callbackId) {
    withCallback(callbackId, x -> CallbackRules.heartbeat(x, callbackId, clock.instant()));
  }

  private void withCallback(String callbackId, java.util.function.Consumer<LiveExecution> rule) {
    String id = store.findByCallbackId(callbackId).orElseThrow(
        () -> ServiceException.notFound("Callback " + callbackId + " not found."));
    cache.withExecution(id, x -> {
      rule.accept(x);
      return null;
    });
  }

  // ---- chained invokes ------------------------------------------------------------------------

  /** CHAINED_INVOKE operations that wait for their target to be started. */
  public List<PendingInvoke> pendingInvokes() {
    List<PendingInvoke> out = new ArrayList<>();
    for (String id : store.executionsWithPendingInvokes(SCAN_LIMIT)) {
      try {
        out.addAll(cache.withExecution(id, InvokeRules::pending));
      } catch (ServiceException e) {
        // deleted meanwhile
      }
    }
    return out;
  }

  /**
   * Makes {@code childArn} the target of the CHAINED_INVOKE {@code operationId}: its end completes
   * the operation. If the child has already closed, the operation completes now. Idempotent.
   * Returns the child's execution id.
   */
  public String linkChildExecution(String parentArn, String operationId, String childArn) {
    String parentId = Ids.executionId(parentArn);
    String childId = Ids.executionId(childArn);
    if (parentId.equals(childId)) {
      throw invalid("An execution cannot be the target of its own chained invoke.");
    }
    cache.withExecution(parentId, p -> InvokeRules.requireInvoke(p, operationId));
    ExecutionRecord child = cache.withExecution(childId, c -> {
      if (c.parentExecutionId == null) {
        c.parentExecutionId = parentId;
        c.parentOperationId = operationId;
      } else if (!c.parentExecutionId.equals(parentId)
          || !Objects.equals(c.parentOperationId, operationId)) {
        throw invalid("Execution " + c.arn + " is already the target of operation '"
            + c.parentOperationId + "' of execution " + c.parentExecutionId + '.');
      }
      return c.toRecord();
    });
    cache.withExecution(parentId, p -> {
      InvokeRules.link(p, operationId, childId);
      return null;
    });
    if (child.status().isTerminal()) {
      followUp(new LiveExecution.FollowUp(new LiveExecution.ParentNotice(parentId, operationId,
          childId, child.status(), child.result(), child.error()), List.of()));
    }
    return childId;
  }

  /** Completes a STARTED chained invoke with a result, for test kits without a target. */
  public void completeChainedInvoke(String parentArn, String operationId, String resultPayload) {
    cache.withExecution(Ids.executionId(parentArn), x -> {
      InvokeRules.completeByHand(x, operationId, OperationStatus.SUCCEEDED, resultPayload, null,
          clock.instant());
      return null;
    });
  }

  /** Fails a STARTED chained invoke, for test kits without a target. */
  public void failChainedInvoke(String parentArn, String operationId, ErrorObject error) {
    cache.withExecution(Ids.executionId(parentArn), x -> {
      InvokeRules.completeByHand(x, operationId, OperationStatus.FAILED, null, error,
          clock.instant());
      return null;
    });
  }

  /** Work that touches another execution, run after the first one's lock is released. */
  private void followUp(LiveExecution.FollowUp f) {
    LiveExecution.ParentNotice n = f.parentNotice();
    if (n != null) {
      try {
        cache.withExecution(n.parentExecutionId(), p -> {
          InvokeRules.childClosed(p, n, clock.instant());
          return null;
        });
      } catch (ServiceException e) {
        // the parent no longer exists: nobody waits for this outcome
      }
    }
    for (String child : f.childrenToStop()) {
      try {
        cache.withExecution(child, c -> c.status != ExecutionStatus.RUNNING ? null
            : ExecutionLifecycle.stop(c, ErrorObject.of("ChainedInvoke.Cancelled",
                "The calling execution cancelled the invoke."), clock.instant()));
      } catch (ServiceException e) {
        // already gone
      }
    }
  }

  // ---- read side ------------------------------------------------------------------------------

  /** The execution row (GetDurableExecution); ResourceNotFoundException if unknown. */
  public ExecutionRecord describe(String executionArnOrId) {
    return cache.withExecution(Ids.executionId(executionArnOrId), LiveExecution::toRecord);
  }

  /** Every operation in start order, the EXECUTION operation first. */
  public List<Operation> operations(String executionArn) {
    return cache.withExecution(Ids.executionId(executionArn), x -> {
      List<Operation> ops = new ArrayList<>(x.operationCount());
      for (int i = 0; i < x.operationCount(); i++) {
        ops.add(x.opAt(i).operation());
      }
      return ops;
    });
  }

  /** The execution's history (GetDurableExecutionHistory), oldest first. */
  public List<HistoryEvent> history(String executionArn) {
    String id = Ids.executionId(executionArn);
    List<HistoryEvent> events = store.history(id);
    if (events.isEmpty() && store.load(id).isEmpty()) {
      throw ServiceException.notFound("Execution " + executionArn + " not found.");
    }
    return events;
  }

  /** Executions matching {@code query}, newest first (ListDurableExecutionsByFunction). */
  public List<ExecutionRecord> list(ExecutionQuery query) {
    return store.list(query == null ? ExecutionQuery.all() : query);
  }

  /** The CALLBACK operation with this callback id, if any. */
  public Optional<Operation> operationByCallbackId(String callbackId) {
    return store.findByCallbackId(callbackId).map(id -> cache.withExecution(id, x -> {
      String opId = x.callbackOperation(callbackId);
      return opId == null ? null : x.op(opId).operation();
    }));
  }
}
