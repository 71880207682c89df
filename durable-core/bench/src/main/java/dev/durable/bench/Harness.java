package dev.durable.bench;

import dev.durable.core.DurableExecutor;
import dev.durable.core.DurableListener;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.InvocationStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.InMemoryExecutionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution of a {@link BenchFunction} on a fresh service (in memory unless a store is given): starts it and runs
 * invocations the way a runtime does ({@code beginInvocation}, {@code DurableExecutor.invoke},
 * {@code endInvocation}), timing the parts.
 */
public final class Harness {
  private static final TypeToken<BenchFunction.Input> INPUT = TypeToken.of(BenchFunction.Input.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final DurableExecutionService service;
  private final TimingService timed;
  private final BenchFunction function;
  private final ExecutorOptions options;
  private final String arn;

  /** Starts an execution of {@code function} with {@code steps} steps on a fresh service. */
  public Harness(BenchFunction function, int steps, Clock clock) {
    this(function, steps, clock, new InMemoryExecutionStore(), DurableListener.NONE);
  }

  /**
   * Starts an execution of {@code function} with {@code steps} steps on a service over
   * {@code store}; {@code listener} sees the engine's step events (for per-step timing).
   */
  public Harness(BenchFunction function, int steps, Clock clock, ExecutionStore store,
      DurableListener listener) {
    this.service = new DurableExecutionService(store, clock);
    this.timed = new TimingService(service);
    this.function = function;
    this.options = ExecutorOptions.defaults().withClock(clock).withListener(listener);
    this.arn = service.startExecution("bench", null, "{\"steps\":" + steps + "}", null).executionArn();
  }

  /** The execution's ARN. */
  public String arn() {
    return arn;
  }

  /**
   * Timings of one invocation, in nanoseconds.
   *
   * @param output what the invocation returned
   * @param begin {@code beginInvocation}
   * @param invoke {@code DurableExecutor.invoke}
   * @param end {@code endInvocation}
   * @param inService the part of {@code invoke} spent inside the service's checkpoint and
   *     getState calls
   * @param serviceCalls how many such calls the invocation made
   * @param callerCpu CPU time the calling thread used during {@code invoke}, which it spends
   *     waiting for the workflow thread (-1 if the JVM cannot measure thread CPU time)
   */
  public record Timed(InvocationOutput output, long begin, long invoke, long end, long inService,
      long serviceCalls, long callerCpu) {

    /** begin + invoke + end. */
    public long total() {
      return begin + invoke + end;
    }
  }

  /** Runs one invocation and times its parts. */
  public Timed invoke() {
    timed.reset();
    long t0 = System.nanoTime();
    InvocationInput in = service.beginInvocation(arn);
    long cpu0 = cpuNanos();
    long t1 = System.nanoTime();
    InvocationOutput out = DurableExecutor.invoke(function, INPUT, in, timed, options);
    long t2 = System.nanoTime();
    long cpu1 = cpuNanos();
    service.endInvocation(arn, in.checkpointToken(), out);
    long t3 = System.nanoTime();
    return new Timed(out, t1 - t0, t2 - t1, t3 - t2, timed.nanos(), timed.calls(),
        cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0);
  }

  private static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** The journaled results of the execution's STEP operations, in start order. */
  public List<String> stepResults() {
    List<String> results = new ArrayList<>();
    for (Operation op : service.operations(arn)) {
      if (op.type() == OperationType.STEP && op.stepDetails() != null) {
        results.add(op.stepDetails().result());
      }
    }
    return results;
  }

  /** Throws unless the invocation ended with {@code expected}. */
  public static void expect(InvocationOutput out, InvocationStatus expected, String what) {
    if (out.status() != expected) {
      throw new IllegalStateException(what + " ended " + out.status() + " instead of " + expected
          + (out.error() == null ? "" : ": " + out.error().errorType() + ": " + out.error().errorMessage()));
    }
  }
}
