package dev.durable.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.durable.core.DurableExecutor;
import dev.durable.core.DurableFunction;
import dev.durable.core.ExecutorOptions;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.InvocationInput;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.serde.JacksonSerDes;
import dev.durable.core.service.DurableExecutionService;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.core.service.PendingInvoke;
import dev.durable.core.service.StartResult;
import dev.durable.testing.ManualClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs a case in this JVM without the Lambda envelope: {@link DurableExecutionService} over an
 * in-memory store plays the service and {@link DurableExecutor} runs each invocation directly. A
 * quick check of the engine and service alone; the conformance tests proper use the emulator.
 */
final class InProcessBackend implements Backend {

  @Override
  public String name() {
    return "in-process service";
  }

  @Override
  public Outcome run(CaseHandler handler, Start start) {
    try (Session s = new InProcessSession(handler, start.inputJson())) {
      return Driver.drive(s, start.actions(), start.skipTime());
    }
  }

  private static final class InProcessSession implements Session {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DurableExecutionService service =
        new DurableExecutionService(new InMemoryExecutionStore(), clock);
    private final Map<String, DurableFunction<JsonNode, Object>> functionOf = new HashMap<>();
    private final CaseHandler handler;
    private final ExecutorOptions options;
    private final String arn;

    InProcessSession(CaseHandler handler, String inputJson) {
      this.handler = handler;
      Random jitter = new Random(7);
      this.options = ExecutorOptions.defaults().withClock(clock).withJitter(jitter::nextDouble)
          .withListener(Crash.listener());
      this.arn = service.startExecution("main", null, inputJson, null).executionArn();
      functionOf.put(arn, handler.main());
    }

    @Override
    public void settle() {
      while (true) {
        for (PendingInvoke p : service.pendingInvokes()) {
          DurableFunction<JsonNode, Object> target = handler.targets().get(p.functionName());
          if (target != null) {
            StartResult child = service.startExecution(p.functionName(), null, p.payload(), null,
                p.executionArn(), p.operationId());
            functionOf.put(child.executionArn(), target);
          }
        }
        List<String> due = service.executionsAwaitingInvocation();
        if (due.isEmpty()) {
          return;
        }
        due.forEach(this::invoke);
      }
    }

    private void invoke(String execution) {
      InvocationInput input = service.beginInvocation(execution);
      InvocationOutput out;
      try {
        out = DurableExecutor.invoke(functionOf.get(execution), TypeToken.of(JsonNode.class), input,
            service, options);
      } catch (RuntimeException | Error crash) {
        service.invocationCrashed(execution, ErrorObject.of("Runtime.ExitError",
            "Runtime exited: " + crash.getMessage()));
        return;
      }
      service.endInvocation(execution, input.checkpointToken(), out);
    }

    @Override
    public boolean ended() {
      return service.describe(arn).status().isTerminal();
    }

    @Override
    public List<ObservedEvent> history() {
      return service.history(arn).stream().map(WireEvents::of).toList();
    }

    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public Instant nextTimer() {
      return service.nextTimer().orElse(null);
    }

    @Override
    public Instant timeoutAt() {
      return service.describe(arn).timeoutAt();
    }

    @Override
    public void advanceTo(Instant t) {
      clock.advanceTo(t);
      service.fireDueTimers();
    }

    @Override
    public CallbackDriver.Sender sender() {
      return new CallbackDriver.Sender() {
        @Override
        public void succeed(String callbackId, String payload) {
          service.completeCallback(callbackId, payload);
        }

        @Override
        public void fail(String callbackId, ErrorObject error) {
          service.failCallback(callbackId, error);
        }

        @Override
        public void heartbeat(String callbackId) {
          service.heartbeatCallback(callbackId);
        }
      };
    }

    @Override
    public Outcome outcome() {
      ExecutionRecord rec = service.describe(arn);
      String error = rec.error() == null ? null
          : JacksonSerDes.defaultMapper().valueToTree(rec.error()).toString();
      return new Outcome(rec.status().name(), rec.result(), error, history(), null);
    }

    @Override
    public void close() {
      // nothing to release: everything lives in memory
    }
  }
}
