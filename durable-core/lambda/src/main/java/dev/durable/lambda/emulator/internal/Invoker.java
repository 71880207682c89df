package dev.durable.lambda.emulator.internal;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.durable.core.internal.Signal;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.PendingInvoke;
import dev.durable.core.service.ServiceException;
import dev.durable.lambda.emulator.RuntimeExit;
import dev.durable.lambda.internal.Envelopes;
import dev.durable.lambda.internal.WireWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Lambda does for a durable function: fires due timers, starts the targets of chained invokes,
 * and invokes the handler of every execution that awaits an invocation, through the exact event
 * bytes, reporting its answer (or its crash) to the service. PENDING answers need no special case:
 * the service asks for the next invocation when a timer, retry or callback comes due.
 *
 * <p>A handler that throws is an invocation error: the service records it and the execution is
 * invoked again after a short back-off, as Lambda retries; after {@code maxCrashes} in a row the
 * execution fails with the last error instead of looping forever.
 */
public final class Invoker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);
  private static final long POLL_MILLIS = 50;

  private final DurableExecutionService service;
  private final OffsetClock clock;
  private final Functions functions;
  private final int maxCrashes;
  private final int maxEventBytes;
  private final Signal wake = new Signal();
  private final Signal progress = new Signal();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> crashes = new ConcurrentHashMap<>();
  private final Map<String, Long> backoffUntil = new ConcurrentHashMap<>();
  private final ExecutorService pool;
  private final Thread scheduler;
  private volatile boolean running = true;

  /**
   * An invoker; its scheduler starts at once.
   *
   * @param maxEventBytes the largest invocation event; a larger first page is cut to fit and the
   *     handler pages in the rest (Lambda caps a payload at 6 MB)
   */
  public Invoker(DurableExecutionService service, OffsetClock clock, Functions functions,
      int threads, int maxCrashes, int maxEventBytes) {
    this.service = service;
    this.clock = clock;
    this.functions = functions;
    this.maxCrashes = maxCrashes;
    this.maxEventBytes = maxEventBytes;
    this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "durable-emulator-invoke"));
    this.scheduler = daemon(this::loop, "durable-emulator-scheduler");
    scheduler.start();
  }

  /** Look for work now (an execution started, a callback completed, the clock moved). */
  public void wakeUp() {
    wake.fire();
  }

  /** Fired whenever an invocation ends. */
  public Signal progress() {
    return progress;
  }

  private void loop() {
    while (running) {
      long seen = wake.generation();
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.warn("durable emulator: scheduler tick failed; the next tick tries again", e);
      }
      try {
        wake.awaitChange(seen, sleepMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long sleepMillis() {
    return service.nextTimer()
        .map(t -> Math.max(1, Math.min(POLL_MILLIS, Duration.between(clock.instant(), t).toMillis())))
        .orElse(POLL_MILLIS);
  }

  private void tick() {
    service.fireDueTimers();
    for (PendingInvoke p : service.pendingInvokes()) {
      // the caller suspends right after checkpointing the invoke; starting the target once that
      // invocation has ended keeps the caller's history in the order the service records it
      if (!inFlight.contains(p.executionArn())) {
        startTarget(p);
      }
    }
    long now = System.nanoTime();
    for (String arn : service.executionsAwaitingInvocation()) {
      Long until = backoffUntil.get(arn);
      if (until != null && until - now > 0) {
        continue;
      }
      if (inFlight.add(arn)) {
        pool.execute(() -> invoke(arn));
      }
    }
  }

  private void startTarget(PendingInvoke p) {
    String name = Functions.baseName(p.functionName());
    try {
      if (functions.find(name) == null) {
        service.failChainedInvoke(p.executionArn(), p.operationId(), ErrorObject.of(
            "ResourceNotFoundException", "Function not found: " + p.functionName()
                + " (register it with the emulator)."));
      } else {
        service.startExecution(name, null, p.payload(), null, p.executionArn(), p.operationId());
      }
    } catch (ServiceException e) {
      LOG.warn("durable emulator: cannot start chained invoke {}: {}", p, e.getMessage());
    }
  }

  private void invoke(String arn) {
    try {
      ExecutionRecord row = service.describe(arn);
      RequestStreamHandler handler = functions.find(row.functionName());
      if (handler == null) {
        return; // started by a function unregistered meanwhile: it waits for a registration
      }
      InvocationInput input = service.beginInvocation(arn);
      byte[] event = Envelopes.writeInput(input);
      if (event.length > maxEventBytes) {
        input = fitted(input, event.length);
        event = Envelopes.writeInput(input);
      }
      String requestId = UUID.randomUUID().toString();
      ErrorObject crash;
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out,
            new EmulatorContext(requestId, row.functionName(), Functions.functionArn(arn),
                TimeUnit.MINUTES.toMillis(15)));
        InvocationOutput output = Envelopes.readOutput(out.toByteArray());
        service.endInvocation(arn, input.checkpointToken(), output);
        crashes.remove(arn);
        backoffUntil.remove(arn);
        return;
      } catch (RuntimeExit e) {
        crash = ErrorObject.of("Runtime.ExitError", "RequestId: " + requestId
            + " Error: Runtime exited without providing a reason (" + e.getMessage() + ")");
      } catch (OutOfMemoryError e) {
        throw e; // the emulator's own JVM is in trouble; not the handler's invocation error
      } catch (Exception | Error e) {
        // what Lambda records as a function error: the invocation failed, the service retries it
        crash = ErrorObject.of(e.getClass().getName(), String.valueOf(e.getMessage()));
      }
      crashed(arn, crash);
    } catch (ServiceException e) {
      // stopped, timed out or deleted meanwhile: nothing to invoke
    } finally {
      inFlight.remove(arn);
      progress.fire();
      wake.fire();
    }
  }

  /**
   * The same invocation with a first page that fits {@code maxEventBytes}: as many leading
   * operations as fit (at least the EXECUTION one), and the service's own marker for the rest,
   * obtained by asking it for exactly that page.
   */
  private InvocationInput fitted(InvocationInput input, int eventBytes) {
    int[] sizes = new int[input.operations().size()];
    int opBytes = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = WireWriter.operation(input.operations().get(i), WireWriter.Time.EPOCH_MILLIS)
          .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1; // + comma
      opBytes += sizes[i];
    }
    int budget = maxEventBytes - (eventBytes - opBytes);
    int count = 0;
    int used = 0;
    for (int size : sizes) {
      if (count > 0 && used + size > budget) {
        break;
      }
      used += size;
      count++;
    }
    var page = service.getState(input.executionArn(), input.checkpointToken(), null, count);
    return new InvocationInput(input.executionArn(), input.checkpointToken(), page.operations(),
        page.nextMarker(), input.updatedOperationIds());
  }

  private void crashed(String arn, ErrorObject error) {
    int n = crashes.merge(arn, 1, Integer::sum);
    if (n >= maxCrashes) {
      crashes.remove(arn);
      backoffUntil.remove(arn);
      // the service has no "give up" call: end one more invocation with the crash as a failure
      service.invocationCrashed(arn, error);
      InvocationInput last = service.beginInvocation(arn);
      service.endInvocation(arn, last.checkpointToken(), InvocationOutput.failed(new ErrorObject(
          error.errorType(), "The invocation failed " + n + " times in a row; last error: "
              + error.errorMessage(), null, null)));
      return;
    }
    service.invocationCrashed(arn, error);
    backoffUntil.put(arn, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50L << Math.min(n, 6)));
  }

  /**
   * True when nothing happens until the clock moves or someone outside acts: no invocation runs
   * or waits to run, no chained-invoke target waits to be started, no timer is due.
   */
  public boolean idle() {
    // Checked in the order work moves (a due timer makes a run await an invocation, the scheduler
    // puts it in flight before beginning it), and confirmed by the progress count: an invocation
    // that began and ended between two of these reads changes the count.
    long seen = progress.generation();
    if (service.nextTimer().map(t -> !t.isAfter(clock.instant())).orElse(false)
        || !service.executionsAwaitingInvocation().isEmpty() || !service.pendingInvokes().isEmpty()) {
      return false;
    }
    return inFlight.isEmpty() && progress.generation() == seen;
  }

  /** The service's clock, for callers that report times. */
  public Instant now() {
    return clock.instant();
  }

  @Override
  public void close() {
    running = false;
    wake.fire();
    try {
      scheduler.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
