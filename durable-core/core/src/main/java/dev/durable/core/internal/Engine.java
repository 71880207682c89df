package dev.durable.core.internal;

import dev.durable.core.DurableException;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.LimitExceededException;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.InvocationStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.service.DurableService;
import dev.durable.core.service.ServiceException;
import java.util.List;

/**
 * Runs one invocation of a durable function. Internal: use {@link dev.durable.core.DurableExecutor}.
 */
public final class Engine {
  /** Largest result returned inline; the Lambda response cap is 6 MB including the envelope. */
  static final int MAX_INLINE_RESULT = 6 * 1024 * 1024 - 50;
  /** Largest result the service stores at all (the payload field's limit). */
  static final int MAX_RESULT = 6_291_456;

  /** Replays within one invocation for results that arrived while suspending; a bound, not a budget. */
  private static final int MAX_IMMEDIATE_REPLAYS = 16;

  private Engine() {}

  /**
   * Runs {@code function} for {@code input}. Returns the invocation's output; throws (after
   * reporting nothing) when the invocation itself failed in a way the service retries: a retryable
   * service error, or a crash of the infrastructure.
   */
  public static <I, O> InvocationOutput invoke(DurableFunction<I, O> function, TypeToken<I> inputType,
      InvocationInput input, DurableService service, ExecutorOptions options) {
    InvocationInput next = input;
    for (int replays = 0; ; replays++) {
      Invocation[] ran = new Invocation[1];
      InvocationOutput out = invokeOnce(function, inputType, next, service, options, ran);
      Invocation inv = ran[0];
      // A result that arrived with the last checkpoint, after the threads were told to suspend,
      // was delivered to nobody: replay on the state at hand, within this same invocation.
      if (out.status() != InvocationStatus.PENDING || inv == null || replays >= MAX_IMMEDIATE_REPLAYS
          || inv.checkpointer.token() == null || !inv.wokenAfterSuspending()) {
        return out;
      }
      next = new InvocationInput(next.executionArn(), inv.checkpointer.token(), inv.operations(), null, List.of());
    }
  }

  private static <I, O> InvocationOutput invokeOnce(DurableFunction<I, O> function, TypeToken<I> inputType,
      InvocationInput input, DurableService service, ExecutorOptions options, Invocation[] ran) {
    String arn = input.executionArn();
    String executionId = arn.substring(arn.lastIndexOf('/') + 1);
    List<Operation> all = Checkpointer.fetchAll(service, arn, input.checkpointToken(), input.operations(),
        input.nextMarker());
    Operation execution = all.stream().filter(o -> o.type() == OperationType.EXECUTION).findFirst()
        .orElseThrow(() -> new DurableException("the invocation state of " + arn
            + " has no EXECUTION operation; the input payload cannot be read"));
    Invocation inv = new Invocation(arn, executionId, service, options,
        options.executor() == null ? Tasks.SHARED : options.executor(), input.checkpointToken(), all);
    ran[0] = inv;
    try {
      I value;
      try {
        String payload = execution.executionDetails() == null ? null : execution.executionDetails().inputPayload();
        value = Values.deserialize(options.serDes(), payload == null || payload.isEmpty() ? null : payload,
            inputType, "the execution's input");
      } catch (DurableException e) {
        return InvocationOutput.failed(Errors.toError(e));
      }
      ContextImpl root = new ContextImpl(inv, "", null, null, inv.hasOperationsBesidesExecution());
      inv.threadStarted();
      inv.executor.execute(() -> {
        try {
          inv.handlerFinished(function.apply(value, root), null);
        } catch (Throwable t) {
          inv.handlerFinished(null, t);
        } finally {
          inv.threadEnded();
        }
      });
      Invocation.Outcome outcome;
      try {
        outcome = inv.awaitOutcome();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DurableException("interrupted while running " + arn, e);
      }
      return finish(inv, execution, outcome);
    } finally {
      inv.close();
    }
  }

  private static InvocationOutput finish(Invocation inv, Operation execution, Invocation.Outcome outcome) {
    switch (outcome.kind()) {
      case FATAL:
        return fatal(outcome.error());
      case SWALLOWED:
        return flushThen(inv, InvocationOutput.failed(ErrorObject.of(IllegalDurableOperationException.class.getName(),
            outcome.swallowedBy() + " caught the engine's suspension signal (an Error) and did not rethrow"
                + " it. Code that catches Throwable around durable operations must rethrow"
                + " dev.durable.core.internal.SuspendSignal (or catch Exception instead).")));
      case SUSPENDED:
        return flushThen(inv, InvocationOutput.pending());
      case THREW:
        if (outcome.error() instanceof VirtualMachineError e) {
          throw e;
        }
        return flushThen(inv, InvocationOutput.failed(Errors.toError(outcome.error())));
      case RETURNED:
      default:
        return succeeded(inv, execution, outcome.result());
    }
  }

  private static InvocationOutput succeeded(Invocation inv, Operation execution, Object result) {
    String payload;
    try {
      payload = Values.serialize(inv.options.serDes(), result, "the result of the durable function");
    } catch (DurableException e) {
      return flushThen(inv, InvocationOutput.failed(Errors.toError(e)));
    }
    int size = Errors.utf8(payload);
    if (size > MAX_RESULT) {
      return flushThen(inv, InvocationOutput.failed(Errors.toError(new LimitExceededException(
          "the durable function's result is " + size + " bytes; the service accepts at most " + MAX_RESULT
              + " bytes. Store large results elsewhere and return a reference."))));
    }
    if (size > MAX_INLINE_RESULT) {
      // too large for the response envelope: store it with an EXECUTION checkpoint instead
      try {
        inv.checkpointer.send(new OperationUpdate(execution.id(), null, execution.name(), OperationType.EXECUTION,
            null, OperationAction.SUCCEED, payload, null, null));
      } catch (SuspendSignal s) {
        return fatalOf(inv);
      }
      return InvocationOutput.succeeded("");
    }
    return flushThen(inv, InvocationOutput.succeeded(payload));
  }

  private static InvocationOutput flushThen(Invocation inv, InvocationOutput output) {
    try {
      inv.checkpointer.flush();
    } catch (SuspendSignal s) {
      return fatalOf(inv);
    }
    return output;
  }

  private static InvocationOutput fatalOf(Invocation inv) {
    try {
      return fatal(inv.awaitOutcome().error());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DurableException("interrupted", e);
    }
  }

  /** Terminal engine errors fail the execution; everything else is an invocation error. */
  private static InvocationOutput fatal(Throwable error) {
    if (error instanceof ServiceException se) {
      if (se.isRetryable()) {
        throw se;
      }
      return InvocationOutput.failed(Errors.toError(se));
    }
    if (error instanceof DurableException de) {
      return InvocationOutput.failed(Errors.toError(de));
    }
    if (error instanceof RuntimeException re) {
      throw re;
    }
    if (error instanceof Error e) {
      throw e;
    }
    throw new DurableException("invocation failed: " + error, error);
  }
}
