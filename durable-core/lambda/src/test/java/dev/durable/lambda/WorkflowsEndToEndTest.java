package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.model.OperationStatus;
import dev.durable.core.model.OperationType;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.core.service.ServiceOptions;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CallbackTimeoutException;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The end-to-end cases, each through the real LambdaClient against the emulator. */
class WorkflowsEndToEndTest {
  private LambdaEmulator emulator;
  private LambdaClient lambda;
  private final Map<String, String> callbackIds = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    // small pages, so that every test also crosses page boundaries
    emulator = LambdaEmulator.builder()
        .serviceOptions(ServiceOptions.defaults().withMaxItemsPerPage(7)).start();
    lambda = emulator.newClient();
  }

  @AfterEach
  void stop() {
    lambda.close();
    emulator.close();
  }

  @Test
  void retryingStepMapAndChildContext() {
    E2e.register(emulator, "batch", Workflows.retryMapChild(), new TypeToken<List<Integer>>() {});
    String arn = E2e.start(lambda, "batch", "batch-1", "[1,2,3]");
    ExecutionRecord done = E2e.driveToEnd(emulator, arn, Duration.ofSeconds(3));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result()).isEqualTo("\"ok after 3; [2, 4, 6]; sum=12\"");

    List<Event> events = E2e.history(lambda, arn);
    List<Event> flaky = events.stream().filter(e -> "flaky".equals(e.name())).toList();
    assertThat(E2e.types(flaky)).containsExactly("StepStarted", "StepFailed", "StepStarted",
        "StepFailed", "StepStarted", "StepSucceeded");
    assertThat(flaky.get(1).stepFailedDetails().retryDetails().nextAttemptDelaySeconds()).isEqualTo(2);
    assertThat(flaky.get(1).stepFailedDetails().error().payload().errorMessage())
        .isEqualTo("transient failure 1");
    assertThat(flaky.get(5).stepSucceededDetails().retryDetails().currentAttempt()).isEqualTo(3);
    List<Operation> ops = emulator.operations(arn);
    assertThat(ops).filteredOn(o -> "MapIteration".equals(o.subType())).hasSize(3)
        .allMatch(o -> o.status() == OperationStatus.SUCCEEDED);
    Operation summary = ops.stream().filter(o -> "summary".equals(o.name())).findFirst().orElseThrow();
    assertThat(summary.type()).isEqualTo(OperationType.CONTEXT);
    assertThat(ops).filteredOn(o -> summary.id().equals(o.parentId())).extracting(Operation::name)
        .containsExactly("sum", "describe");
  }

  @Test
  void callbackCompletedThroughTheSdk() {
    E2e.register(emulator, "approvals", Workflows.approval(callbackIds), TypeToken.of(String.class));
    String arn = E2e.start(lambda, "approvals", "ok-1", "\"req-ok\"");
    E2e.eventually("the callback id", () -> callbackIds.containsKey("req-ok")
        && E2e.suspended(emulator, arn));
    lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackIds.get("req-ok"))
        .result(SdkBytes.fromUtf8String("\"yes, ship it\"")));
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.result()).isEqualTo("\"approved: yes, ship it\"");
    List<Event> events = E2e.history(lambda, arn);
    Event started = events.stream().filter(e -> e.eventTypeAsString().equals("CallbackStarted"))
        .findFirst().orElseThrow();
    assertThat(started.callbackStartedDetails().callbackId()).isEqualTo(callbackIds.get("req-ok"));
    assertThat(started.callbackStartedDetails().timeout()).isEqualTo(60);
    assertThat(E2e.types(events)).contains("CallbackSucceeded");
    // a completed callback cannot be completed again
    assertThatThrownBy(() -> lambda.sendDurableExecutionCallbackSuccess(b -> b
        .callbackId(callbackIds.get("req-ok")).result(SdkBytes.fromUtf8String("\"again\""))))
        .isInstanceOf(software.amazon.awssdk.services.lambda.model.InvalidParameterValueException.class);
  }

  @Test
  void callbackFailedThroughTheSdk() {
    E2e.register(emulator, "approvals", Workflows.approval(callbackIds), TypeToken.of(String.class));
    String arn = E2e.start(lambda, "approvals", "no-1", "\"req-no\"");
    E2e.eventually("the callback id", () -> callbackIds.containsKey("req-no")
        && E2e.suspended(emulator, arn));
    lambda.sendDurableExecutionCallbackFailure(b -> b.callbackId(callbackIds.get("req-no"))
        .error(e -> e.errorType("Rejected").errorMessage("over budget")));
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result()).startsWith("\"rejected: ").contains("over budget");
    assertThat(E2e.types(E2e.history(lambda, arn))).contains("CallbackFailed");
  }

  @Test
  void callbackTimedOut() {
    E2e.register(emulator, "approvals", Workflows.approval(callbackIds), TypeToken.of(String.class));
    String arn = E2e.start(lambda, "approvals", "late-1", "\"req-late\"");
    E2e.eventually("the callback id", () -> callbackIds.containsKey("req-late")
        && E2e.suspended(emulator, arn));
    emulator.advanceTime(Duration.ofSeconds(61));
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.result()).isEqualTo("\"timed out\"");
    List<Event> events = E2e.history(lambda, arn);
    Event timedOut = events.stream().filter(e -> e.eventTypeAsString().equals("CallbackTimedOut"))
        .findFirst().orElseThrow();
    assertThat(timedOut.callbackTimedOutDetails().error().payload().errorType())
        .isEqualTo("Callback.Timeout");
    assertThatThrownBy(() -> lambda.sendDurableExecutionCallbackSuccess(b -> b
        .callbackId(callbackIds.get("req-late")).result(SdkBytes.fromUtf8String("\"too late\""))))
        .isInstanceOf(CallbackTimeoutException.class);
  }

  @Test
  void largeStateIsPagedOnEveryInvocation() {
    E2e.register(emulator, "large", Workflows.largeState(), TypeToken.of(Integer.class));
    String arn = E2e.start(lambda, "large", "large-1", "40");
    E2e.eventually("the run to suspend", () -> E2e.suspended(emulator, arn));
    // the re-invocation's event holds 7 of 42 operations; the handler pages in the rest
    var next = emulator.service().operations(arn);
    assertThat(next).hasSizeGreaterThan(7 * 5);
    emulator.advanceTime(Duration.ofSeconds(6));
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result()).isEqualTo(Integer.toString(10 * 1001 + 30 * 1002 + 1));
    // the second invocation's event carries 7 of its 42 operations; the handler fetched the
    // other five pages with GetDurableExecutionState before reading the input
    assertThat(emulator.requestCounts().get("GetDurableExecutionState")).isEqualTo(5L);
    var page = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn).maxItems(10));
    assertThat(page.events()).hasSize(10);
    assertThat(page.nextMarker()).isNotBlank();
  }

  @Test
  void staleCheckpointTokenFailsTheInvocationAndTheRetrySucceeds() {
    AtomicInteger bodyRuns = new AtomicInteger();
    E2e.register(emulator, "steps", Workflows.threeSteps(bodyRuns), TypeToken.of(String.class));
    emulator.staleTokenAt("steps", 2);
    String arn = E2e.start(lambda, "steps", "stale-1", "\"x\"");
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result()).isEqualTo("\"x-a-b-c\"");
    List<Event> events = E2e.history(lambda, arn);
    Event failedInvocation = events.stream()
        .filter(e -> e.eventTypeAsString().equals("InvocationCompleted")).findFirst().orElseThrow();
    assertThat(failedInvocation.invocationCompletedDetails().error().payload().errorMessage())
        .startsWith("Invalid checkpoint token");
    // step a was checkpointed before the stale call, so the retry replays it instead of re-running it
    assertThat(bodyRuns).hasValue(1);
    assertThat(E2e.types(events).stream().filter("InvocationCompleted"::equals)).hasSize(2);
  }

  @Test
  void nonDeterministicReplayFailsTheExecution() {
    E2e.register(emulator, "drift", Workflows.nonDeterministic(new AtomicInteger()),
        TypeToken.of(String.class));
    String arn = E2e.start(lambda, "drift", "drift-1", "\"v\"");
    E2e.eventually("the run to suspend", () -> E2e.suspended(emulator, arn));
    emulator.advanceTime(Duration.ofSeconds(11));
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().errorType()).isEqualTo("dev.durable.core.NonDeterministicExecutionException");
    assertThat(done.error().errorMessage()).contains("step-1").contains("step-2");
  }

  @Test
  void resultOverSixMegabytesGoesThroughAnExecutionCheckpoint() {
    int chars = 6_291_420; // serialized with quotes: over the 6 MB - 50 B response cap, under 6,291,456
    E2e.register(emulator, "big", (Integer n, dev.durable.core.DurableContext ctx) -> "x".repeat(n),
        TypeToken.of(Integer.class));
    String arn = E2e.start(lambda, "big", "big-1", Integer.toString(chars));
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result()).hasSize(chars + 2);
    // the only checkpoint of the run is the EXECUTION/SUCCEED carrying the result
    assertThat(emulator.requestCounts()).containsEntry("CheckpointDurableExecution", 1L);
    var remote = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
    assertThat(remote.result()).hasSize(chars + 2);
  }

  @Test
  void unknownCallbackIdIsNotFound() {
    assertThatThrownBy(() -> lambda.sendDurableExecutionCallbackSuccess(b -> b
        .callbackId("bm8tc3VjaC1jYWxsYmFjaw==").result(SdkBytes.fromUtf8String("1"))))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("not found");
  }
}
