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
 * Runs a case in this JVM: {@link DurableExecutionService} over an in-memory store plays the
 * service, {@link DurableExecutor} runs each invocation, and a manual clock skips to the next
 * timer or callback action, so an hour-long wait takes no real time.
 */
final class InProcessBackend implements Backend {
  private static final int MAX_STEPS = 2_000;

  @Override
  public String name() {
    return "in-process service";
  }

  @Override
  public Outcome run(CaseHandler handler, String inputJson,
      List<ConformanceCase.CallbackAction> actions, boolean skipTime) {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    DurableExecutionService service = new DurableExecutionService(new InMemoryExecutionStore(), clock);
    Random jitter = new Random(7);
    ExecutorOptions options = ExecutorOptions.defaults().withClock(clock)
        .withJitter(jitter::nextDouble).withListener(Crash.listener());
    Map<String, DurableFunction<JsonNode, Object>> functionOf = new HashMap<>();
    String arn = service.startExecution("main", null, inputJson, null).executionArn();
    functionOf.put(arn, handler.main());
    CallbackDriver callbacks = new CallbackDriver(actions);
    for (int i = 0; i < MAX_STEPS; i++) {
      drain(service, handler, functionOf, options);
      ExecutionRecord rec = service.describe(arn);
      if (rec.status().isTerminal()) {
        break;
      }
      CallbackDriver.Pending action = callbacks.next(service.history(arn).stream()
          .map(WireEvents::of).toList(), clock.instant());
      Instant timer = service.nextTimer().orElse(null);
      boolean onlyTimeoutLeft = timer == null
          || (rec.timeoutAt() != null && !timer.isBefore(rec.timeoutAt()));
      if (action != null && (skipTime || !action.at().isAfter(clock.instant()))
          && (onlyTimeoutLeft || !action.at().isAfter(timer))) {
        clock.advanceTo(action.at());
        action.perform(new CallbackDriver.Sender() {
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
        });
        continue;
      }
      if (onlyTimeoutLeft || !skipTime) {
        break;
      }
      clock.advanceTo(timer);
      service.fireDueTimers();
    }
    ExecutionRecord rec = service.describe(arn);
    String error = rec.error() == null ? null
        : JacksonSerDes.defaultMapper().valueToTree(rec.error()).toString();
    return new Outcome(rec.status().name(), rec.result(), error,
        service.history(arn).stream().map(WireEvents::of).toList());
  }

  private static void drain(DurableExecutionService service, CaseHandler handler,
      Map<String, DurableFunction<JsonNode, Object>> functionOf, ExecutorOptions options) {
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
      for (String arn : due) {
        InvocationInput input = service.beginInvocation(arn);
        InvocationOutput out;
        try {
          out = DurableExecutor.invoke(functionOf.get(arn), TypeToken.of(JsonNode.class), input,
              service, options);
        } catch (RuntimeException | Error crash) {
          service.invocationCrashed(arn, ErrorObject.of("Runtime.ExitError",
              "RequestId: local Error: Runtime exited: " + crash.getMessage()));
          continue;
        }
        service.endInvocation(arn, input.checkpointToken(), out);
      }
    }
  }
}
