package dev.durable.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.durable.core.DurableException;
import dev.durable.core.DurableExecutor;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.Operation;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.DurableService;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.core.service.PendingInvoke;
import dev.durable.core.service.ServiceOptions;
import dev.durable.core.service.StartResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Runs a durable function in memory, with a manual clock that skips time: a workflow that waits five
 * minutes and retries with backoff completes in milliseconds. The service underneath is the same
 * {@link DurableExecutionService} the embedded runtime uses, so its validation is the real one.
 *
 * <pre>{@code
 * var runner = DurableTestRunner.create(new OrderWorkflow(), Order.class, Receipt.class);
 * TestResult<Receipt> done = runner.runUntilComplete(new Order("o-1", 42));
 * assertThat(done.isSucceeded()).isTrue();
 * assertThat(done.operation("charge").attempts()).isEqualTo(1);
 * }</pre>
 *
 * <p>For callbacks: {@code runUntilComplete} returns with status RUNNING when the run waits for one;
 * complete it with {@link #completeCallback} (or fail it, or let it time out with
 * {@link #advanceTime}) and call {@link #resume()}.
 *
 * @param <I> input type
 * @param <O> output type
 */
public final class DurableTestRunner<I, O> {
  private static final int MAX_INVOCATIONS = 10_000;

  private final Registered<I, O> main;
  private final Map<String, Registered<?, ?>> functions = new LinkedHashMap<>();
  private final ManualClock clock = new ManualClock();
  private final DurableExecutionService service;
  private final Map<String, String> functionOf = new HashMap<>();
  private ExecutorOptions options;
  private UnaryOperator<DurableService> serviceDecorator = UnaryOperator.identity();
  private String executionArn;
  private int invocations;
  private int crashes;

  private record Registered<A, B>(String name, DurableFunction<A, B> function, TypeToken<A> in, TypeToken<B> out) {}

  private DurableTestRunner(String name, DurableFunction<I, O> fn, TypeToken<I> in, TypeToken<O> out) {
    this.main = new Registered<>(name, fn, in, out);
    this.functions.put(name, main);
    // deterministic execution ids: results derived from ctx.uuid() are then the same in every run
    AtomicInteger ids = new AtomicInteger();
    this.service = new DurableExecutionService(new InMemoryExecutionStore(), clock,
        ServiceOptions.defaults().withIdGenerator(() -> String.format("test-execution-%04d", ids.incrementAndGet())));
    Random jitter = new Random(42);
    this.options = ExecutorOptions.defaults().withClock(clock).withJitter(jitter::nextDouble);
  }

  /** A runner for {@code fn} registered under the name {@code "main"}. */
  public static <I, O> DurableTestRunner<I, O> create(DurableFunction<I, O> fn, Class<I> in, Class<O> out) {
    return new DurableTestRunner<>("main", fn, TypeToken.of(in), TypeToken.of(out));
  }

  /** A runner for generic input and output types. */
  public static <I, O> DurableTestRunner<I, O> create(DurableFunction<I, O> fn, TypeToken<I> in, TypeToken<O> out) {
    return new DurableTestRunner<>("main", fn, in, out);
  }

  /** Registers another function that the workflow may {@code invoke} by {@code name}. */
  public <A, B> DurableTestRunner<I, O> withFunction(String name, DurableFunction<A, B> fn, Class<A> in, Class<B> out) {
    functions.put(name, new Registered<>(name, fn, TypeToken.of(in), TypeToken.of(out)));
    return this;
  }

  /** Replaces the engine options (the clock is always the runner's manual clock). */
  public DurableTestRunner<I, O> withOptions(ExecutorOptions newOptions) {
    this.options = newOptions.withClock(clock);
    return this;
  }

  /** Wraps the service as the engine sees it (fault injection, counting). */
  public DurableTestRunner<I, O> withServiceDecorator(UnaryOperator<DurableService> decorator) {
    this.serviceDecorator = Objects.requireNonNull(decorator);
    return this;
  }

  /** Starts the execution and runs exactly one invocation. */
  public TestResult<O> run(I input) {
    start(input);
    invoke(executionArn);
    return result();
  }

  /**
   * Starts the execution and drives it to the end, skipping time to each next timer or retry.
   * Returns with status RUNNING if it waits for something only the test can do (a callback).
   */
  public TestResult<O> runUntilComplete(I input) {
    start(input);
    return resume();
  }

  /** Drives the started execution on until it ends or waits for the test. */
  public TestResult<O> resume() {
    requireStarted();
    while (true) {
      drain();
      if (service.describe(executionArn).status().isTerminal()) {
        return result();
      }
      Optional<Instant> next = service.nextTimer();
      Instant deadline = service.describe(executionArn).timeoutAt();
      if (next.isEmpty() || (deadline != null && !next.get().isBefore(deadline))) {
        // only the execution timeout is left: the run waits for the test (a callback, an invoke)
        return result();
      }
      clock.advanceTo(next.get());
      service.fireDueTimers();
    }
  }

  /** Moves the clock forward and fires what became due (no invocation runs until {@link #resume()}). */
  public DurableTestRunner<I, O> advanceTime(Duration d) {
    clock.advance(d);
    service.fireDueTimers();
    return this;
  }

  /** The callback id of the callback operation named {@code name} (for waitForCallback: {@code <name>-callback}). */
  public String callbackId(String name) {
    requireStarted();
    return service.operations(executionArn).stream()
        .filter(o -> o.callbackDetails() != null && o.callbackDetails().callbackId() != null)
        .filter(o -> Objects.equals(o.name(), name) || Objects.equals(o.name(), name + "-callback"))
        .map(o -> o.callbackDetails().callbackId())
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no started callback named '" + name + "'"));
  }

  /** Completes a callback with {@code value} (serialized as JSON), by callback id or callback name. */
  public DurableTestRunner<I, O> completeCallback(String idOrName, Object value) {
    service.completeCallback(resolveCallback(idOrName), options.serDes().serialize(value));
    return this;
  }

  /** Fails a callback, by callback id or callback name. */
  public DurableTestRunner<I, O> failCallback(String idOrName, ErrorObject error) {
    service.failCallback(resolveCallback(idOrName), error);
    return this;
  }

  /** Records a heartbeat for a callback, by callback id or callback name. */
  public DurableTestRunner<I, O> heartbeat(String idOrName) {
    service.heartbeatCallback(resolveCallback(idOrName));
    return this;
  }

  /**
   * Lets a callback time out: moves the clock to its timeout (or, if earlier, its heartbeat
   * timeout) and fires the timer. Fails if the callback was created without a timeout.
   */
  public DurableTestRunner<I, O> timeoutCallback(String idOrName) {
    String callbackId = resolveCallback(idOrName);
    HistoryEvent started = service.history(executionArn).stream()
        .filter(e -> "CallbackStarted".equals(e.eventType()) && callbackId.equals(e.callbackId()))
        .findFirst().orElseThrow(() -> new NoSuchElementException("no CallbackStarted event for " + idOrName));
    int timeout = started.timeoutSeconds() == null ? 0 : started.timeoutSeconds();
    int heartbeat = started.heartbeatTimeoutSeconds() == null ? 0 : started.heartbeatTimeoutSeconds();
    int seconds = timeout == 0 ? heartbeat : heartbeat == 0 ? timeout : Math.min(timeout, heartbeat);
    if (seconds == 0) {
      throw new IllegalStateException("callback '" + idOrName + "' has no timeout; create it with"
          + " CallbackOptions.timeout(...) to test timing out, or fail it with failCallback");
    }
    clock.advanceTo(started.timestamp().plusSeconds(seconds));
    service.fireDueTimers();
    return this;
  }

  /** Completes an invoke of a function that is not registered with {@link #withFunction}. */
  public DurableTestRunner<I, O> completeInvoke(String operationName, Object result) {
    service.completeChainedInvoke(executionArn, operationId(operationName), options.serDes().serialize(result));
    return this;
  }

  /** Fails an invoke of a function that is not registered with {@link #withFunction}. */
  public DurableTestRunner<I, O> failInvoke(String operationName, ErrorObject error) {
    service.failChainedInvoke(executionArn, operationId(operationName), error);
    return this;
  }

  /** The current state of the execution. */
  public TestResult<O> result() {
    requireStarted();
    ExecutionRecord rec = service.describe(executionArn);
    O value = rec.status() == ExecutionStatus.SUCCEEDED && rec.result() != null && !rec.result().isEmpty()
        ? options.serDes().deserialize(rec.result(), main.out()) : null;
    return new TestResult<>(executionArn, rec.status(), value, rec.error(), service.operations(executionArn),
        service.history(executionArn), invocations, options.serDes());
  }

  /** The journal (operations) and history of the execution as pretty-printed JSON. */
  public String journalJson() {
    requireStarted();
    ObjectMapper mapper = JacksonSerDes.defaultMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("ExecutionArn", executionArn);
    doc.put("Status", service.describe(executionArn).status());
    doc.put("Operations", service.operations(executionArn));
    doc.put("History", service.history(executionArn));
    try {
      return mapper.writeValueAsString(doc);
    } catch (Exception e) {
      throw new DurableException("cannot render the journal as JSON", e);
    }
  }

  /** The manual clock. */
  public ManualClock clock() {
    return clock;
  }

  /** The in-memory service, for direct inspection. */
  public DurableExecutionService service() {
    return service;
  }

  /** Invocations that ended by throwing (crashes) so far. */
  public int crashes() {
    return crashes;
  }

  private void start(I input) {
    if (executionArn != null) {
      throw new IllegalStateException("this runner already started an execution; create a new runner per run");
    }
    StartResult started = service.startExecution(main.name(), null, options.serDes().serialize(input), null);
    executionArn = started.executionArn();
    functionOf.put(executionArn, main.name());
  }

  private void requireStarted() {
    if (executionArn == null) {
      throw new IllegalStateException("no execution yet: call run(input) or runUntilComplete(input) first");
    }
  }

  /** Runs invocations until no execution awaits one and no registered invoke is pending. */
  private void drain() {
    while (true) {
      startPendingInvokes();
      List<String> due = service.executionsAwaitingInvocation();
      if (due.isEmpty()) {
        return;
      }
      for (String arn : due) {
        invoke(arn);
      }
    }
  }

  private void startPendingInvokes() {
    for (PendingInvoke p : service.pendingInvokes()) {
      if (!functions.containsKey(p.functionName())) {
        continue;
      }
      StartResult child = service.startExecution(p.functionName(), null, p.payload(), null,
          p.executionArn(), p.operationId());
      service.linkChildExecution(p.executionArn(), p.operationId(), child.executionArn());
      functionOf.put(child.executionArn(), p.functionName());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void invoke(String arn) {
    if (++invocations > MAX_INVOCATIONS) {
      throw new IllegalStateException("more than " + MAX_INVOCATIONS + " invocations: the workflow does not"
          + " make progress (a crash loop?)");
    }
    Registered fn = functions.get(functionOf.getOrDefault(arn, main.name()));
    InvocationInput input = service.beginInvocation(arn);
    InvocationOutput out;
    try {
      out = DurableExecutor.invoke(fn.function(), fn.in(), input, serviceDecorator.apply(service), options);
    } catch (Throwable crash) {
      crashes++;
      service.invocationCrashed(arn, new ErrorObject("Runtime.ExitError",
          "the invocation ended abnormally: " + crash, null, null));
      return;
    }
    service.endInvocation(arn, input.checkpointToken(), out);
  }

  private String resolveCallback(String idOrName) {
    requireStarted();
    for (Operation o : service.operations(executionArn)) {
      if (o.callbackDetails() != null && idOrName.equals(o.callbackDetails().callbackId())) {
        return idOrName;
      }
    }
    return callbackId(idOrName);
  }

  private String operationId(String name) {
    return service.operations(executionArn).stream().filter(o -> Objects.equals(o.name(), name))
        .map(Operation::id).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no operation named '" + name + "'"));
  }
}
