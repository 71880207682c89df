package dev.durable.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.model.Operation;
import dev.durable.core.service.InMemoryExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Shared set-up: runtimes on one in-memory store and lease table, fast polling. */
final class Fixtures {
  final InMemoryExecutionStore store = new InMemoryExecutionStore();
  final InMemoryLeaseStore leases = new InMemoryLeaseStore();

  /** A runtime on this fixture's store, polling every 10 ms. */
  LocalRuntimeBuilder runtime(String workerId, Clock clock) {
    return LocalRuntime.builder().store(store, leases).clock(clock).workerId(workerId)
        .pollInterval(Duration.ofMillis(10)).workerThreads(3).shutdownTimeout(Duration.ofSeconds(2));
  }

  /** Polls {@code condition} (wall time) until it holds, or fails after {@code timeout}. */
  static void eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** The callback id of the run's first callback, once it exists (null until then). */
  static String callbackId(LocalRuntime rt, String arn) {
    return rt.operations(arn).stream()
        .filter(o -> o.callbackDetails() != null && o.callbackDetails().callbackId() != null)
        .map(Operation::callbackDetails).map(d -> d.callbackId()).findFirst().orElse(null);
  }

  /** Waits until the run has a callback and no invocation of it runs; returns the callback id. */
  static String awaitCallback(LocalRuntime rt, String arn) {
    eventually(Duration.ofSeconds(5), () -> callbackId(rt, arn) != null
        && !rt.status(arn).invocationActive());
    return callbackId(rt, arn);
  }
}
