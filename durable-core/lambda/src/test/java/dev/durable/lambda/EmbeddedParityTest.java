package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ErrorObject;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.HistoryEvent;
import dev.durable.core.model.Operation;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.InMemoryExecutionStore;
import dev.durable.lambda.emulator.LambdaEmulator;
import dev.durable.lambda.emulator.internal.OffsetClock;
import dev.durable.local.InMemoryLeaseStore;
import dev.durable.local.LocalRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The same workflows on the embedded runtime and deployed through the emulator give the same
 * results, the same journals (operations) and the same histories, timestamps and generated ids
 * aside.
 */
class EmbeddedParityTest {
  private final OffsetClock localClock = new OffsetClock(Clock.systemUTC());
  private LocalRuntime local;
  private LambdaEmulator emulator;
  private LambdaClient lambda;
  private final Map<String, String> callbackIds = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    local = LocalRuntime.builder().store(store, new InMemoryLeaseStore()).clock(localClock)
        .pollInterval(Duration.ofMillis(10)).workerThreads(2).build();
    local.startWorker();
    emulator = LambdaEmulator.start(0);
    lambda = emulator.newClient();
  }

  @AfterEach
  void stop() {
    lambda.close();
    emulator.close();
    local.close();
  }

  @Test
  void orderWorkflow() {
    compare("orders", Workflows.order(), TypeToken.of(Workflows.Order.class),
        TypeToken.of(Workflows.Receipt.class), "{\"id\":\"o-7\",\"customer\":\"c\",\"amountCents\":5}",
        null);
  }

  @Test
  void retriesMapAndChildContext() {
    compare("batch", Workflows.retryMapChild(), new TypeToken<List<Integer>>() {},
        TypeToken.of(String.class), "[5,6]", null);
  }

  @Test
  void callbackCompleted() {
    compare("approvals", Workflows.approval(callbackIds), TypeToken.of(String.class),
        TypeToken.of(String.class), "\"parity\"", "\"granted\"");
  }

  private <I, O> void compare(String fn, DurableFunction<I, O> workflow, TypeToken<I> in,
      TypeToken<O> out, String inputJson, String callbackResult) {
    local.register(fn, workflow, in, out);
    E2e.register(emulator, fn, workflow, in);

    String localArn = local.startJson(fn, "parity-1", inputJson).executionArn();
    ExecutionRecord localEnd = drive(() -> local.status(localArn), () -> local.history(localArn),
        callbackResult == null ? null : result -> local.completeCallback(callbackIds.remove("parity"), result),
        callbackResult, localClock::advance);

    String remoteArn = E2e.start(lambda, fn, "parity-1", inputJson);
    ExecutionRecord remoteEnd = drive(() -> emulator.service().describe(remoteArn),
        () -> emulator.history(remoteArn),
        callbackResult == null ? null : result -> lambda.sendDurableExecutionCallbackSuccess(b -> b
            .callbackId(callbackIds.remove("parity")).result(SdkBytes.fromUtf8String(result))),
        callbackResult, emulator::advanceTime);

    assertThat(remoteEnd.status()).isEqualTo(ExecutionStatus.SUCCEEDED).isEqualTo(localEnd.status());
    assertThat(remoteEnd.result()).isEqualTo(localEnd.result());
    assertThat(journal(emulator.operations(remoteArn))).isEqualTo(journal(local.operations(localArn)));
    assertThat(events(emulator.history(remoteArn))).isEqualTo(events(local.history(localArn)));
  }

  /** Runs to the end: completes the callback once it exists, else skips time while suspended. */
  private ExecutionRecord drive(Supplier<ExecutionRecord> status, Supplier<List<HistoryEvent>> history,
      Consumer<String> completeCallback, String callbackResult, Consumer<Duration> advance) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    boolean callbackSent = completeCallback == null;
    while (status.get().status() == ExecutionStatus.RUNNING) {
      assertThat(System.nanoTime() - deadline).as("run still going").isNegative();
      ExecutionRecord r = status.get();
      List<HistoryEvent> h = history.get();
      boolean suspended = !r.invocationActive() && !r.invocationRequested() && !h.isEmpty()
          && h.get(h.size() - 1).eventType().equals("InvocationCompleted");
      if (suspended && !callbackSent && callbackIds.containsKey("parity")) {
        completeCallback.accept(callbackResult);
        callbackSent = true;
      } else if (suspended && callbackSent) {
        advance.accept(Duration.ofSeconds(301));
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    return status.get();
  }

  private static List<String> journal(List<Operation> ops) {
    return ops.stream().map(o -> String.join("|", o.type().name(), Objects.toString(o.name()),
        Objects.toString(o.subType()), o.status().name(), Objects.toString(o.parentId() == null),
        o.stepDetails() == null ? "-" : o.stepDetails().attempt() + ":" + o.stepDetails().result()
            + ":" + type(o.stepDetails().error()),
        o.contextDetails() == null ? "-" : o.contextDetails().result(),
        o.callbackDetails() == null ? "-" : o.callbackDetails().result())).toList();
  }

  private static List<String> events(List<HistoryEvent> events) {
    return events.stream().map(e -> String.join("|", Integer.toString(e.eventId()), e.eventType(),
        Objects.toString(e.name()), Objects.toString(e.subType()),
        e.eventType().startsWith("Execution") ? "-" : Objects.toString(e.payload()), type(e.error()),
        Objects.toString(e.attempt()), Objects.toString(e.nextAttemptDelaySeconds()),
        Objects.toString(e.durationSeconds()))).toList();
  }

  private static String type(ErrorObject e) {
    return e == null ? "-" : e.errorType();
  }
}
