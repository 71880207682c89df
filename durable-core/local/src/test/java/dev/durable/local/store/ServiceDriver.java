package dev.durable.local.store;

import dev.durable.core.DurableExecutor;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionStore;
import dev.durable.core.service.PendingInvoke;
import dev.durable.core.service.ServiceOptions;
import dev.durable.core.service.StartResult;
import dev.durable.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives executions through {@link DurableExecutionService} over any store, the way a runtime
 * does (and as the test kit's DurableTestRunner does in memory): begin, invoke, end; timers fire
 * on a manual clock. Deterministic ids and jitter, so two stores can be compared run for run.
 */
final class ServiceDriver {
  private record Fn<I>(DurableFunction<I, ?> function, TypeToken<I> input) {}

  final DurableExecutionService service;
  final ManualClock clock;
  private final ExecutorOptions options;
  private final Map<String, Fn<?>> functions = new HashMap<>();

  ServiceDriver(ExecutionStore store, ManualClock clock, String idPrefix) {
    AtomicInteger ids = new AtomicInteger();
    this.clock = clock;
    this.service = new DurableExecutionService(store, clock, ServiceOptions.defaults()
        .withIdGenerator(() -> String.format("%s-%04d", idPrefix, ids.incrementAndGet())));
    Random jitter = new Random(42);
    this.options = ExecutorOptions.defaults().withClock(clock).withJitter(jitter::nextDouble);
  }

  <I> ServiceDriver register(String name, DurableFunction<I, ?> fn, Class<I> in) {
    functions.put(name, new Fn<>(fn, TypeToken.of(in)));
    return this;
  }

  String start(String function, Object input) {
    StartResult r = service.startExecution(function, null,
        JacksonSerDes.create().serialize(input), null);
    return r.executionArn();
  }

  /**
   * Runs invocations and fires timers (moving the clock) until nothing is left to do before
   * {@code horizon} from now: then the runs are done or wait for a callback.
   */
  void runUntilIdle(Duration horizon) {
    Instant limit = clock.instant().plus(horizon);
    while (true) {
      drain();
      Optional<Instant> next = service.nextTimer();
      if (next.isEmpty() || next.get().isAfter(limit)) {
        return;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.advanceTo(next.get());
      }
      service.fireDueTimers();
    }
  }

  void drain() {
    while (true) {
      for (PendingInvoke p : service.pendingInvokes()) {
        StartResult child = service.startExecution(p.functionName(), null, p.payload(), null,
            p.executionArn(), p.operationId());
        service.linkChildExecution(p.executionArn(), p.operationId(), child.executionArn());
      }
      List<String> due = service.executionsAwaitingInvocation();
      if (due.isEmpty()) {
        return;
      }
      for (String arn : due) {
        invoke(arn);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  void invoke(String arn) {
    Fn fn = functions.get(service.describe(arn).functionName());
    InvocationInput in = service.beginInvocation(arn);
    InvocationOutput out;
    try {
      out = DurableExecutor.invoke(fn.function(), fn.input(), in, service, options);
    } catch (RuntimeException | Error crash) {
      service.invocationCrashed(arn, ErrorObject.of("Runtime.ExitError", crash.toString()));
      return;
    }
    service.endInvocation(arn, in.checkpointToken(), out);
  }
}
