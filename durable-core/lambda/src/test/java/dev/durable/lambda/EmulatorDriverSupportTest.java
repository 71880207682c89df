package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.durable.core.CallbackOptions;
import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.lambda.emulator.LambdaEmulator;
import dev.durable.lambda.emulator.RuntimeExit;
import dev.durable.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;

/**
 * What the conformance driver needs from the emulator: a manual clock that only moves when told,
 * an idle signal, a stand-in for a dying runtime, and the service's event order and details.
 */
class EmulatorDriverSupportTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private LambdaEmulator emulator;
  private LambdaClient lambda;

  @BeforeEach
  void start() {
    emulator = LambdaEmulator.builder().clock(clock).start();
    lambda = emulator.newClient();
  }

  @AfterEach
  void stop() {
    lambda.close();
    emulator.close();
  }

  @Test
  void awaitIdleLetsATestSkipAWaitExactly() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      ctx.wait("pause", Duration.ofSeconds(10));
      return "done";
    };
    E2e.register(emulator, "pausing", fn, TypeToken.of(String.class));
    String arn = E2e.start(lambda, "pausing", "pause-1", "\"x\"");
    assertThat(emulator.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(E2e.types(E2e.history(lambda, arn))).endsWith("WaitStarted", "InvocationCompleted");

    emulator.advanceTime(Duration.ofSeconds(9));
    assertThat(emulator.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(emulator.service().describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);

    emulator.advanceTime(Duration.ofSeconds(1));
    assertThat(emulator.awaitIdle(Duration.ofSeconds(20))).isTrue();
    assertThat(emulator.service().describe(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aRuntimeExitIsRecordedAsRuntimeExitErrorAndTheExecutionIsInvokedAgain() {
    AtomicInteger calls = new AtomicInteger();
    DurableFunction<String, String> fn = (in, ctx) -> ctx.step("work", String.class, s -> "worked");
    emulator.register("dying", client -> {
      DurableHandler<String, String> real = new DurableHandler<>(fn, TypeToken.of(String.class),
          HandlerOptions.defaults().withClient(client));
      return (input, output, context) -> {
        if (calls.incrementAndGet() == 1) {
          throw new RuntimeExit("simulated process exit");
        }
        real.handleRequest(input, output, context);
      };
    });
    String arn = E2e.start(lambda, "dying", "dying-1", "\"x\"");
    assertThat(emulator.awaitEnd(arn, Duration.ofSeconds(20)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    List<Event> events = E2e.history(lambda, arn);
    Event crashed = events.stream().filter(e -> "InvocationCompleted".equals(e.eventTypeAsString()))
        .findFirst().orElseThrow();
    assertThat(crashed.invocationCompletedDetails().error().payload().errorType())
        .isEqualTo("Runtime.ExitError");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aCallbackSucceededWithoutBodyHasNoResult() {
    DurableFunction<String, String> fn = (in, ctx) -> {
      String v = ctx.createCallback("approval", String.class, CallbackOptions.defaults()).get();
      return v == null ? "no result" : v;
    };
    E2e.register(emulator, "approving", fn, TypeToken.of(String.class));
    String arn = E2e.start(lambda, "approving", "approve-1", "\"x\"");
    assertThat(emulator.awaitIdle(Duration.ofSeconds(20))).isTrue();
    String callbackId = E2e.history(lambda, arn).stream()
        .filter(e -> "CallbackStarted".equals(e.eventTypeAsString())).findFirst().orElseThrow()
        .callbackStartedDetails().callbackId();

    lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId));

    assertThat(emulator.awaitEnd(arn, Duration.ofSeconds(20)).result()).isEqualTo("\"no result\"");
    Event succeeded = E2e.history(lambda, arn).stream()
        .filter(e -> "CallbackSucceeded".equals(e.eventTypeAsString())).findFirst().orElseThrow();
    assertThat(succeeded.callbackSucceededDetails().result()).isNull();
  }

  @Test
  void chainedInvokeStartedNamesItsTargetAndTheCallerSuspendsBeforeTheTargetRuns() {
    E2e.register(emulator, "echo", (String in, dev.durable.core.DurableContext ctx) -> in,
        TypeToken.of(String.class));
    E2e.register(emulator, "caller", (String in, dev.durable.core.DurableContext ctx) ->
        ctx.invoke("call-echo", "echo", in, String.class), TypeToken.of(String.class));
    String arn = E2e.start(lambda, "caller", "caller-1", "\"hi\"");
    assertThat(emulator.awaitEnd(arn, Duration.ofSeconds(20)).result()).isEqualTo("\"hi\"");

    List<Event> events = E2e.history(lambda, arn);
    assertThat(E2e.types(events)).containsExactly("ExecutionStarted", "ChainedInvokeStarted",
        "InvocationCompleted", "ChainedInvokeSucceeded", "InvocationCompleted", "ExecutionSucceeded");
    String target = lambda.listDurableExecutionsByFunction(b -> b.functionName("echo"))
        .durableExecutions().get(0).durableExecutionArn();
    var started = events.get(1).chainedInvokeStartedDetails();
    assertThat(started.durableExecutionArn()).isEqualTo(target);
    assertThat(started.executedVersion()).isEqualTo("$LATEST");
  }
}
