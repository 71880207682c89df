package dev.durable.core.internal;

import dev.durable.core.BatchOptions;
import dev.durable.core.BatchResult;
import dev.durable.core.Branch;
import dev.durable.core.CallbackFailedException;
import dev.durable.core.CallbackOptions;
import dev.durable.core.CallbackSubmitter;
import dev.durable.core.CallbackTimeoutException;
import dev.durable.core.ChildBody;
import dev.durable.core.ConditionCheck;
import dev.durable.core.DurableCallback;
import dev.durable.core.DurableContext;
import dev.durable.core.DurableFuture;
import dev.durable.core.DurableLogger;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.InvokeFailedException;
import dev.durable.core.InvokeOptions;
import dev.durable.core.MapBody;
import dev.durable.core.NonDeterministicExecutionException;
import dev.durable.core.StepBody;
import dev.durable.core.StepOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.WaitStrategy;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationAction;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.model.OperationUpdate;
import dev.durable.core.serde.SerDes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * One durable context: the root of an invocation or a child context. Owns the counter that gives
 * operations their positional ids and the replay check at each position.
 */
final class ContextImpl implements DurableContext {
  static final ThreadLocal<String> IN_STEP = new ThreadLocal<>();
  private static final long MAX_WAIT_SECONDS = 31_622_400L;

  final Invocation inv;
  final String prefix;
  final String parentId;
  final String contextName;
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicInteger randomCounter = new AtomicInteger();
  private volatile boolean replaying;
  private final DurableLogger logger;

  ContextImpl(Invocation inv, String prefix, String parentId, String contextName, boolean replaying) {
    this.inv = inv;
    this.prefix = prefix;
    this.parentId = parentId;
    this.contextName = contextName;
    this.replaying = replaying;
    this.logger = new DurableLogger(LoggerFactory.getLogger("dev.durable.workflow"), this::isReplaying);
  }

  // ---- identity and replay checks -------------------------------------------------------------

  String nextId() {
    return OperationIds.id(prefix, counter.incrementAndGet());
  }

  /**
   * Looks up the journal at {@code id} and checks that it recorded the same kind of operation. A
   * mismatch fails the whole invocation (user code cannot catch it).
   */
  Operation journaled(String id, OperationType type, String subType, String name) {
    Operation recorded = inv.op(id);
    if (recorded == null) {
      replaying = false;
      return null;
    }
    if (recorded.type() != type || !Objects.equals(recorded.subType(), subType)
        || !Objects.equals(recorded.name(), name)) {
      throw inv.abort(new NonDeterministicExecutionException(
          "non-deterministic replay at operation #" + positionOf(id) + " of " + describeContext()
              + " (id " + id + "): the journal recorded " + describe(recorded.type(), recorded.subType(),
              recorded.name()) + ", but the code now issued " + describe(type, subType, name)
              + ". Durable operations must be issued in the same order with the same names on every"
              + " run; keep the old code path for runs already in flight."));
    }
    if (!recorded.status().isTerminal()) {
      replaying = false;
    }
    return recorded;
  }

  private int positionOf(String id) {
    int n = counter.get();
    for (int i = n; i >= 1; i--) {
      if (OperationIds.id(prefix, i).equals(id)) {
        return i;
      }
    }
    return n;
  }

  private String describeContext() {
    return parentId == null ? "the root context" : "child context '" + contextName + "'";
  }

  private static String describe(OperationType type, String subType, String name) {
    return type + " '" + name + "' (" + subType + ")";
  }

  /** Common entry checks: usable invocation, not nested in a step, a valid name. */
  void enter(String operation, String name) {
    String step = IN_STEP.get();
    if (step != null) {
      throw new IllegalDurableOperationException("ctx." + operation + "(\"" + name
          + "\") was called inside the body of step '" + step + "'. Durable operations cannot be"
          + " nested in a step; use runInChildContext to group several operations.");
    }
    Names.check(operation, name);
    inv.checkUsable();
  }

  OperationUpdate update(String id, String name, OperationType type, String subType, OperationAction action,
      String payload, dev.durable.core.model.ErrorObject error, OperationUpdate.Options options) {
    return new OperationUpdate(id, parentId, name, type, subType, action, payload, error, options);
  }

  ContextImpl child(String id, String name, boolean childReplaying) {
    return new ContextImpl(inv, id, id, name, childReplaying);
  }

  // ---- operations -----------------------------------------------------------------------------

  @Override
  public <T> T step(String name, TypeToken<T> type, StepBody<T> body, StepOptions options) {
    enter("step", name);
    return new StepRunner<>(this, name, type, body, options).run();
  }

  @Override
  public <T> DurableFuture<T> stepAsync(String name, TypeToken<T> type, StepBody<T> body, StepOptions options) {
    enter("stepAsync", name);
    StepRunner<T> runner = new StepRunner<>(this, name, type, body, options);
    return Tasks.async(inv, runner::run);
  }

  @Override
  public DurableFuture<Void> waitAsync(String name, Duration duration) {
    enter("wait", name);
    if (duration == null || duration.isNegative() || duration.compareTo(Duration.ofSeconds(1)) < 0
        || duration.getSeconds() > MAX_WAIT_SECONDS) {
      throw new IllegalDurableOperationException("wait '" + name + "' has duration " + duration
          + "; a durable wait must last from 1 second to 366 days (31,622,400 s). For shorter pauses"
          + " sleep inside a step.");
    }
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    String id = nextId();
    Operation recorded = journaled(id, OperationType.WAIT, "Wait", name);
    if (recorded == null) {
      inv.checkpointer.send(update(id, name, OperationType.WAIT, "Wait", OperationAction.START, null, null,
          OperationUpdate.Options.waitFor((int) seconds)));
    }
    FutureImpl<Void> f = new FutureImpl<>(inv) {
      @Override
      public Void get() {
        inv.await(() -> terminal(id), true);
        return null;
      }

      @Override
      public boolean isDone() {
        return terminal(id);
      }
    };
    return f;
  }

  boolean terminal(String id) {
    Operation op = inv.op(id);
    return op != null && op.status().isTerminal();
  }

  @Override
  public <T> DurableCallback<T> createCallback(String name, TypeToken<T> type, CallbackOptions options) {
    enter("createCallback", name);
    return createCallbackUnchecked(name, type, options);
  }

  <T> DurableCallback<T> createCallbackUnchecked(String name, TypeToken<T> type, CallbackOptions options) {
    CallbackOptions opts = options == null ? CallbackOptions.defaults() : options;
    int timeout = seconds("callback timeout", name, opts.timeout());
    int heartbeat = seconds("callback heartbeat timeout", name, opts.heartbeatTimeout());
    String id = nextId();
    Operation recorded = journaled(id, OperationType.CALLBACK, "Callback", name);
    if (recorded == null) {
      inv.checkpointer.send(update(id, name, OperationType.CALLBACK, "Callback", OperationAction.START, null,
          null, OperationUpdate.Options.callback(timeout, heartbeat)));
    }
    Operation op = inv.op(id);
    String callbackId = op == null || op.callbackDetails() == null ? null : op.callbackDetails().callbackId();
    if (callbackId == null) {
      throw inv.abort(new IllegalStateException(
          "the service did not return a callback id for callback '" + name + "' (operation " + id + ")"));
    }
    return new CallbackImpl<>(this, id, name, callbackId, type, Values.serDes(inv, opts.serDes()));
  }

  private static int seconds(String what, String name, Duration d) {
    if (d == null) {
      return 0;
    }
    if (d.isNegative() || d.isZero() || d.getSeconds() > MAX_WAIT_SECONDS) {
      throw new IllegalDurableOperationException(what + " of '" + name + "' is " + d
          + "; it must be positive and at most 366 days, or null for none");
    }
    return (int) Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
  }

  @Override
  public <T> T waitForCallback(String name, TypeToken<T> type, CallbackSubmitter submitter,
      CallbackOptions options, StepOptions submitterOptions) {
    enter("waitForCallback", name);
    Names.check("waitForCallback", name + "-submitter");
    Objects.requireNonNull(submitter, "submitter");
    return new ChildRunner<>(this, name, "WaitForCallback", type, c -> {
      ContextImpl child = (ContextImpl) c;
      DurableCallback<T> callback = child.createCallbackUnchecked(name + "-callback", type, options);
      try {
        child.step(name + "-submitter", TypeToken.of(Void.class), s -> {
          submitter.submit(callback.id(), s);
          return null;
        }, submitterOptions == null ? StepOptions.defaults() : submitterOptions);
      } catch (dev.durable.core.StepFailedException e) {
        throw new CallbackFailedException("the submitter of callback '" + name + "' failed: "
            + Errors.describe(e.error()), e.error());
      }
      return callback.get();
    }).deferringSuccess().run();
  }

  @Override
  public <T> DurableFuture<T> runInChildContextAsync(String name, TypeToken<T> type, ChildBody<T> body) {
    enter("runInChildContext", name);
    ChildRunner<T> runner = new ChildRunner<>(this, name, "RunInChildContext", type, body);
    return Tasks.async(inv, runner::run);
  }

  @Override
  public <T> T runInChildContext(String name, TypeToken<T> type, ChildBody<T> body, SerDes serDes) {
    enter("runInChildContext", name);
    return new ChildRunner<>(this, name, "RunInChildContext", type, body).withSerDes(serDes).run();
  }

  @Override
  public <T> T runInChildContext(String name, Class<T> type, ChildBody<T> body) {
    enter("runInChildContext", name);
    return new ChildRunner<>(this, name, "RunInChildContext", TypeToken.of(type), body).run();
  }

  @Override
  public <I, O> BatchResult<O> map(String name, List<I> items, TypeToken<O> type, MapBody<I, O> body,
      BatchOptions options) {
    enter("map", name);
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(body, "body");
    List<I> snapshot = List.copyOf(items);
    return BatchRunner.map(this, name, snapshot, type, body, options == null ? BatchOptions.defaults() : options);
  }

  @Override
  public <T> BatchResult<T> parallel(String name, TypeToken<T> type, List<Branch<T>> branches,
      BatchOptions options) {
    enter("parallel", name);
    Objects.requireNonNull(branches, "branches");
    for (Branch<T> b : branches) {
      Names.check("parallel branch", b.name());
    }
    return BatchRunner.parallel(this, name, List.copyOf(branches), type,
        options == null ? BatchOptions.defaults() : options);
  }

  @Override
  public <T> T invoke(String name, String functionName, Object payload, TypeToken<T> type, InvokeOptions options) {
    enter("invoke", name);
    if (functionName == null || functionName.isBlank() || functionName.length() > 140) {
      throw new IllegalDurableOperationException("invoke '" + name + "' needs the name of a durable"
          + " function to call (1..140 characters), got " + (functionName == null ? "null" : "'" + functionName + "'"));
    }
    InvokeOptions opts = options == null ? InvokeOptions.defaults() : options;
    var serDes = Values.serDes(inv, opts.serDes());
    String id = nextId();
    Operation recorded = journaled(id, OperationType.CHAINED_INVOKE, "ChainedInvoke", name);
    if (recorded == null) {
      String input = Values.serialize(serDes, payload, "the payload of invoke '" + name + "'");
      inv.checkpointer.send(update(id, name, OperationType.CHAINED_INVOKE, "ChainedInvoke",
          OperationAction.START, input, null, OperationUpdate.Options.invoke(functionName, opts.tenantId())));
    }
    inv.await(() -> terminal(id), true);
    Operation op = inv.op(id);
    var details = op.chainedInvokeDetails();
    if (op.status() == OperationStatus.SUCCEEDED) {
      return Values.deserialize(serDes, details == null ? null : details.result(), type,
          "the result of invoke '" + name + "'");
    }
    var error = details == null ? null : details.error();
    throw Errors.toException(error, "invoke '" + name + "' of function '" + functionName + "' ended "
        + op.status() + ": " + Errors.describe(error), InvokeFailedException::new);
  }

  @Override
  public <S> S waitForCondition(String name, TypeToken<S> type, S initialState, ConditionCheck<S> check,
      WaitStrategy strategy) {
    enter("waitForCondition", name);
    return new ConditionRunner<>(this, name, type, initialState, check,
        strategy == null ? WaitStrategy.defaults() : strategy).run();
  }

  @Override
  public Instant now() {
    return step("now", TypeToken.of(Instant.class), s -> inv.options.clock().instant(), StepOptions.noRetry());
  }

  @Override
  public Random random() {
    inv.checkUsable();
    return new Random(OperationIds.seed(inv.executionId + "/" + prefix + "/random/" + randomCounter.incrementAndGet()));
  }

  @Override
  public UUID uuid() {
    inv.checkUsable();
    Random r = random();
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
  }

  @Override
  public DurableLogger logger() {
    return logger;
  }

  @Override
  public boolean isReplaying() {
    return replaying;
  }

  @Override
  public String executionArn() {
    return inv.executionArn;
  }

  /** Rebuilds a callback failure the same way live and on replay. */
  static RuntimeException callbackFailure(String name, Operation op) {
    var error = op.callbackDetails() == null ? null : op.callbackDetails().error();
    if (op.status() == OperationStatus.TIMED_OUT) {
      return new CallbackTimeoutException("callback '" + name + "' timed out: " + Errors.describe(error), error);
    }
    // the external system's message is the failure's message, as the service's SDKs report it;
    // the callback's name and the original type stay available through error()
    String message = error == null || error.errorMessage() == null
        ? "callback '" + name + "' failed: " + Errors.describe(error) : error.errorMessage();
    return Errors.toException(error, message, CallbackFailedException::new);
  }
}
