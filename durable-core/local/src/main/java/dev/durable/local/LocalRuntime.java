package dev.durable.local;

import dev.durable.core.DurableException;
import dev.durable.core.DurableFunction;
import dev.durable.core.IllegalDurableOperationException;
import dev.durable.core.TypeToken;
import dev.durable.core.internal.Signal;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.serde.SerDes;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionQuery;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.OperationRecord;
import dev.durable.core.service.ServiceException;
import dev.durable.core.service.StartResult;
import dev.durable.core.service.StoredExecution;
import dev.durable.local.internal.Checks;
import dev.durable.local.internal.FunctionRegistry;
import dev.durable.local.internal.RuntimeSettings;
import dev.durable.local.internal.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The embedded durable runtime: a journal on disk (or in memory), your durable functions registered
 * by name, and a worker that runs them and resumes suspended runs when their timer fires, their
 * retry is due, their callback completes or their chained invoke ends.
 *
 * <pre>{@code
 * try (LocalRuntime rt = LocalRuntime.builder().storePath(Path.of("durable.db")).build()) {
 *   rt.register("orders", new OrderWorkflow(gateway), Order.class, Receipt.class);
 *   rt.startWorker();
 *   StartResult run = rt.start("orders", "order-1", new Order("order-1", "c-9", 4200));
 *   Receipt receipt = rt.await(run.executionArn(), Receipt.class, Duration.ofMinutes(10));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #startWorker()} starts one scheduler thread and {@code workerThreads}
 * invoker threads; workflow code runs on a pool that grows with running invocations only. A
 * suspended run holds no thread and no memory here: its state is in the store until it is due.
 *
 * <p><b>Noticing work.</b> Work created through this runtime (a start, a callback completion, a
 * stop, an invocation's end) wakes the scheduler at once. Work written by another process (the CLI
 * completing a callback or starting a run) is found by polling the store every
 * {@code pollInterval}, 100 ms by default — within the 250 ms the design allows, at the cost of a
 * few indexed queries per tick. Polling was chosen over OS file notifications because it works the
 * same on every platform and file system and needs nothing from the other process.
 *
 * <p><b>Several workers, one store.</b> Before running an invocation a worker claims the run's lease
 * ({@link LeaseStore}); leases are renewed every third of {@code leaseTtl} while the invocation
 * runs. A worker that dies stops renewing; once its lease expires another worker reports the lost
 * invocation as crashed and resumes the run from its journal.
 *
 * <p><b>Timers and crashes.</b> Waits and step retries resume within one poll interval of their due
 * time on the injected clock. An invocation that throws out of the engine is reported as crashed
 * and retried after 1 s, 2 s, 4 s …; after 5 crashes in a row the run is failed
 * ({@code Runtime.CrashLoop}) instead of looping forever.
 *
 * <p>Methods taking {@code arnOrId} accept an execution's ARN or its bare id. Thread-safe.
 */
public final class LocalRuntime implements AutoCloseable {
  private final RuntimeSettings settings;
  private final ExecutionStore store;
  private final FunctionRegistry registry = new FunctionRegistry();
  private final SerDes serDes = JacksonSerDes.create();
  private final Signal wakeUp = new Signal();
  private final Signal progress = new Signal();
  private final Worker worker;
  private volatile boolean closed;

  LocalRuntime(RuntimeSettings settings) {
    this.settings = settings;
    this.store = settings.store();
    this.worker = new Worker(settings, registry, wakeUp, progress);
  }

  /** A builder with the defaults: {@code durable.db}, STRICT, 4 threads, 100 ms polling. */
  public static LocalRuntimeBuilder builder() {
    return new LocalRuntimeBuilder();
  }

  /** Registers {@code fn} under {@code name}; executions are started by that name. */
  public <I, O> LocalRuntime register(String name, DurableFunction<I, O> fn, Class<I> in, Class<O> out) {
    Checks.notNull(in, "input type", "pass the input class, e.g. Order.class");
    Checks.notNull(out, "output type", "pass the output class, e.g. Receipt.class");
    return register(name, fn, TypeToken.of(in), TypeToken.of(out));
  }

  /** Registers {@code fn} with generic input/output types, e.g. {@code new TypeToken<List<Item>>() {}}. */
  public <I, O> LocalRuntime register(String name, DurableFunction<I, O> fn, TypeToken<I> in, TypeToken<O> out) {
    requireOpen();
    registry.register(name, fn, in, out);
    return this;
  }

  /** The registered function names, sorted. */
  public List<String> functions() {
    return List.copyOf(registry.names());
  }

  /** Starts the scheduler and the invoker pool (idempotent). Without it, nothing runs. */
  public void startWorker() {
    requireOpen();
    worker.start();
  }

  /**
   * Starts an execution of a registered function, idempotently by name: the same name with the same
   * input returns the existing run ({@code created=false}); a different input, or a name whose run
   * has ended, is refused ({@code DurableExecutionAlreadyStartedException}).
   *
   * @param executionName 1..64 characters of {@code [a-zA-Z0-9_-]}, or null for a generated name
   * @param input the input, serialized as JSON; must fit the function's registered input type
   */
  public StartResult start(String functionName, String executionName, Object input) {
    Checks.inputFits(registry.require(functionName), input);
    return startSerialized(functionName, executionName, serDes.serialize(input));
  }

  /**
   * Like {@link #start} with the input given as JSON text (the CLI's {@code --input}); the JSON is
   * checked against the function's input type first.
   */
  public StartResult startJson(String functionName, String executionName, String inputJson) {
    FunctionRegistry.Entry<?, ?> fn = registry.require(functionName);
    String json = inputJson == null || inputJson.isBlank() ? "null" : inputJson.strip();
    try {
      serDes.deserialize(json, fn.in());
    } catch (DurableException e) {
      throw new IllegalDurableOperationException("The input " + abbreviate(json) + " is not a valid "
          + fn.in() + " for function '" + functionName + "': " + e.getMessage());
    }
    return startSerialized(functionName, executionName, json);
  }

  private StartResult startSerialized(String functionName, String executionName, String json) {
    requireOpen();
    StartResult started = service().startExecution(functionName, executionName, json, null);
    wakeUp.fire();
    return started;
  }

  /**
   * Waits (wall time) for the execution to end and returns its result. Needs a worker somewhere:
   * this runtime's ({@link #startWorker()}) or another process's on the same store.
   *
   * @throws ExecutionFailedException if it FAILED, TIMED_OUT or was STOPPED, with its error
   * @throws AwaitTimeoutException if it is still running after {@code timeout}
   */
  public <O> O await(String arnOrId, Class<O> type, Duration timeout) {
    Checks.notNull(type, "result type", "pass the output class, e.g. Receipt.class");
    return await(arnOrId, TypeToken.of(type), timeout);
  }

  /** {@link #await(String, Class, Duration)} for generic result types. */
  public <O> O await(String arnOrId, TypeToken<O> type, Duration timeout) {
    Checks.positive(timeout, "await timeout", "Duration.ofSeconds(30)");
    Checks.notNull(type, "result type", "pass the output type");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = progress.generation();
      ExecutionRecord r = status(arnOrId);
      if (r.status() == ExecutionStatus.SUCCEEDED) {
        return r.result() == null || r.result().isEmpty() ? null : serDes.deserialize(r.result(), type);
      }
      if (r.status().isTerminal()) {
        throw new ExecutionFailedException(r.executionArn(), r.status(), r.error());
      }
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
      if (leftMillis <= 0) {
        throw new AwaitTimeoutException(r.executionArn(), timeout, worker.isRunning() ? "."
            : "; no worker runs in this runtime: call startWorker() or run `durable worker`.");
      }
      try {
        progress.awaitChange(seen, Math.min(leftMillis, settings.pollInterval().toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DurableException("Interrupted while awaiting " + arnOrId, e);
      }
    }
  }

  /** The execution's current row, read from the store (fresh even if another process changed it). */
  public ExecutionRecord status(String arnOrId) {
    String id = requireId(arnOrId);
    // the row alone: await() polls this, and a run's whole history is not needed for its status
    return store.record(id).orElseThrow(() -> notFound(arnOrId));
  }

  /** Executions matching {@code query} (null = all, up to 1000), newest first. */
  public List<ExecutionRecord> list(ExecutionQuery query) {
    return service().list(query);
  }

  /** Stops a running execution; returns the stop time. The reason is recorded as its error. */
  public Instant stop(String arnOrId, String reason) {
    requireId(arnOrId);
    Instant at = service().stopExecution(arnOrId, ErrorObject.of("Execution.Stopped",
        reason == null || reason.isBlank() ? "Stopped by an operator." : reason));
    progress.fire();
    wakeUp.fire(); // a stopped child completes its parent's invoke
    return at;
  }

  /** Completes a callback with a JSON payload ({@code null} or blank = JSON null); resumes its run. */
  public void completeCallback(String callbackId, String json) {
    Checks.notBlank(callbackId, "callbackId", "the id shown by `durable show <execution>`");
    DurableExecutionService service = service();
    service.completeCallback(callbackId, json == null || json.isBlank() ? "null" : json);
    resume(callbackId, service);
  }

  /** Fails a callback with {@code error}; the run resumes and sees the failure. */
  public void failCallback(String callbackId, ErrorObject error) {
    Checks.notBlank(callbackId, "callbackId", "the id shown by `durable show <execution>`");
    Checks.notNull(error, "error", "pass ErrorObject.of(type, message)");
    DurableExecutionService service = service();
    service.failCallback(callbackId, error);
    resume(callbackId, service);
  }

  /** Wakes the worker for the callback's run, handing it the service that holds the run's copy. */
  private void resume(String callbackId, DurableExecutionService service) {
    store.findByCallbackId(callbackId).ifPresentOrElse(id -> worker.offer(id, service),
        wakeUp::fire);
  }

  /** Records a heartbeat, restarting the callback's heartbeat timeout. */
  public void heartbeatCallback(String callbackId) {
    Checks.notBlank(callbackId, "callbackId", "the id shown by `durable show <execution>`");
    service().heartbeatCallback(callbackId);
  }

  /** The execution's history events, oldest first. */
  public List<HistoryEvent> history(String arnOrId) {
    requireId(arnOrId);
    return service().history(arnOrId);
  }

  /** The execution's operations in start order, the EXECUTION operation first. */
  public List<Operation> operations(String arnOrId) {
    return load(arnOrId).operations().stream().map(OperationRecord::operation).toList();
  }

  /** What the worker is doing right now; see {@link RuntimeStats}. */
  public RuntimeStats stats() {
    return worker.stats();
  }

  /**
   * Stops the worker: no new invocations start; running ones get {@code shutdownTimeout} to finish,
   * after which they are handed back (reported as crashed, leases released) so any worker resumes
   * them from the journal. Closes the store if this runtime opened it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    worker.stop();
    progress.fire();
    if (settings.ownsStore()) {
      store.close();
    }
  }

  /** A fresh service per call: see {@link Worker#newService}. */
  private DurableExecutionService service() {
    return Worker.newService(settings);
  }

  private StoredExecution load(String arnOrId) {
    String id = requireId(arnOrId);
    // straight from the store: always what other processes last wrote
    return store.load(id).orElseThrow(() -> notFound(arnOrId));
  }

  private static ServiceException notFound(String arnOrId) {
    return ServiceException.notFound("Execution " + arnOrId
        + " not found; list executions with `durable list` or LocalRuntime.list(..).");
  }

  private static String requireId(String arnOrId) {
    Checks.notBlank(arnOrId, "execution id", "the ARN or id returned by start()");
    return arnOrId.substring(arnOrId.lastIndexOf('/') + 1);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("This LocalRuntime is closed; build a new one.");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
