package dev.durable.local.internal;

import dev.durable.core.DurableExecutor;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ServiceException;
import dev.durable.local.RuntimeEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed invocation on an invoker thread, the way the test kit does: begin, run the
 * engine, end; an engine that throws is a crash, reported to the service and retried after a
 * backoff.
 */
final class InvocationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(InvocationRunner.class);

  private final Worker worker;
  volatile ExecutorOptions engineOptions;

  InvocationRunner(Worker worker) {
    this.worker = worker;
  }

  /** Runs the claim's invocation; always ends by releasing the claim. */
  void run(Claim c) {
    try {
      runClaimed(c);
    } catch (RuntimeException e) {
      LOG.warn("durable worker {}: invocation of {} could not be reported: {}",
          worker.settings.workerId(), c.executionId, e.toString());
    } finally {
      worker.finished(c);
    }
  }

  private void runClaimed(Claim c) {
    FunctionRegistry.Entry<?, ?> fn = worker.registry.require(c.functionName);
    DurableExecutionService service = c.service;
    InvocationInput input;
    try {
      input = service.beginInvocation(c.executionId);
    } catch (ServiceException e) {
      c.settle(); // closed or deleted since it was claimed: nothing to run
      return;
    }
    InvocationOutput out;
    try {
      out = invoke(fn, input, service);
    } catch (Throwable t) {
      if (c.settle()) {
        crashed(c, t, service);
      }
      return;
    }
    if (!c.settle()) {
      return; // abandoned at shutdown: the run was already handed back to the store
    }
    try {
      service.endInvocation(c.executionId, input.checkpointToken(), out);
    } catch (ServiceException e) {
      // Another worker took the run over (our lease expired): its invocation is the live one.
      LOG.warn("durable worker {}: the end of a superseded invocation of {} was refused: {}",
          worker.settings.workerId(), c.executionId, e.getMessage());
      return;
    }
    worker.backoff.clear(c.executionId);
    worker.completed.incrementAndGet();
    worker.emit(RuntimeEvent.Kind.INVOCATION_ENDED, c.executionId, c.functionName,
        out.status().name());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private InvocationOutput invoke(FunctionRegistry.Entry<?, ?> fn, InvocationInput input,
      DurableExecutionService service) {
    DurableFunction function = fn.function();
    TypeToken in = fn.in();
    return DurableExecutor.invoke(function, in, input, service, engineOptions);
  }

  /** Reports a crash if this worker still owns the run; fails the run after too many. */
  private void crashed(Claim c, Throwable t, DurableExecutionService service) {
    Instant now = worker.settings.clock().instant();
    if (!worker.settings.leases().renew(c.executionId, worker.settings.workerId(), now,
        worker.settings.leaseTtl())) {
      return; // another worker owns the run now; reporting would kill its invocation
    }
    int crashes = worker.backoff.crashed(c.executionId, now);
    try {
      service.invocationCrashed(c.executionId, error("Runtime.InvocationError",
          "The invocation crashed (" + crashes + " in a row): " + t, t));
      worker.crashed.incrementAndGet();
      worker.emit(RuntimeEvent.Kind.INVOCATION_CRASHED, c.executionId, c.functionName, t.toString());
      if (crashes >= CrashBackoff.MAX_CRASHES) {
        giveUp(c, t, crashes, service);
      }
    } catch (ServiceException e) {
      LOG.warn("durable worker {}: cannot report the crash of {}: {}", worker.settings.workerId(),
          c.executionId, e.getMessage());
    }
    LOG.warn("durable worker {}: invocation of {} crashed ({} in a row): {}",
        worker.settings.workerId(), c.executionId, crashes, t.toString());
  }

  /** Fails a run that crashed too often, so that it does not retry forever. */
  private void giveUp(Claim c, Throwable t, int crashes, DurableExecutionService service) {
    worker.backoff.clear(c.executionId);
    InvocationInput input = service.beginInvocation(c.executionId);
    service.endInvocation(c.executionId, input.checkpointToken(), InvocationOutput.failed(
        error("Runtime.CrashLoop", "The invocation crashed " + crashes + " times in a row; the run"
            + " was failed instead of retrying forever. Last crash: " + t, t)));
    worker.emit(RuntimeEvent.Kind.INVOCATION_ENDED, c.executionId, c.functionName, "FAILED");
  }

  /**
   * Hands a still-running invocation back at shutdown: reported as crashed (the next worker
   * replays the run from its journal) unless it reported its own end first.
   */
  void abandon(Claim c) {
    if (!c.settle()) {
      return;
    }
    try {
      Instant now = worker.settings.clock().instant();
      if (worker.settings.leases().renew(c.executionId, worker.settings.workerId(), now,
          worker.settings.leaseTtl())) {
        worker.newService().invocationCrashed(c.executionId, ErrorObject.of("Runtime.Shutdown",
            "The worker shut down before this invocation finished; the run resumes from its"
                + " journal on the next worker."));
      }
    } catch (RuntimeException e) {
      LOG.warn("durable worker {}: cannot hand back {} at shutdown: {}", worker.settings.workerId(),
          c.executionId, e.toString());
    }
  }

  private static ErrorObject error(String type, String message, Throwable t) {
    List<String> frames = Arrays.stream(t.getStackTrace()).limit(20).map(String::valueOf).toList();
    String m = message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
    return new ErrorObject(type, m, null, frames);
  }
}
