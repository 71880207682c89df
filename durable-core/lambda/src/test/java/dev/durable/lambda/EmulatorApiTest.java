package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The emulator's REST API through the SDK: control plane, and the service's errors. */
class EmulatorApiTest {
  private LambdaEmulator emulator;
  private LambdaClient lambda;
  private final Map<String, String> callbackIds = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    emulator = LambdaEmulator.start(0);
    lambda = emulator.newClient();
    E2e.register(emulator, "approvals", Workflows.approval(callbackIds), TypeToken.of(String.class));
  }

  @AfterEach
  void stop() {
    lambda.close();
    emulator.close();
  }

  @Test
  void checkpointWithAWrongTokenIsRefused() {
    String arn = E2e.start(lambda, "approvals", "token-1", "\"t\"");
    E2e.eventually("suspension", () -> E2e.suspended(emulator, arn));
    assertThatThrownBy(() -> lambda.checkpointDurableExecution(b -> b.durableExecutionArn(arn)
        .checkpointToken("bm90LWEtdG9rZW4=").updates(List.of())))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Invalid checkpoint token");
  }

  @Test
  void checkpointWithAnUnknownOperationTypeIsRefused() {
    String arn = emulator.service().startExecution("nobody", null, "1", null).executionArn();
    String token = emulator.service().beginInvocation(arn).checkpointToken();
    assertThatThrownBy(() -> lambda.checkpointDurableExecution(b -> b.durableExecutionArn(arn)
        .checkpointToken(token).updates(u -> u.id("x1").type("TIMER").action("START"))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Updates[0].Type 'TIMER' is not one of");
    // the refused request consumed nothing: the token still works
    assertThat(lambda.checkpointDurableExecution(b -> b.durableExecutionArn(arn)
        .checkpointToken(token).updates(List.of())).checkpointToken()).isNotBlank();
  }

  @Test
  void callbackResultOver256KibIsRefused() {
    String arn = E2e.start(lambda, "approvals", "big-1", "\"big\"");
    E2e.eventually("the callback", () -> callbackIds.containsKey("big") && E2e.suspended(emulator, arn));
    String tooBig = "\"" + "x".repeat(262_144) + "\"";
    assertThatThrownBy(() -> lambda.sendDurableExecutionCallbackSuccess(b -> b
        .callbackId(callbackIds.get("big")).result(SdkBytes.fromUtf8String(tooBig))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("over the limit of 262144 bytes");
    assertThat(emulator.service().describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void invokeNeedsAQualifiedKnownFunction() {
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("approvals")
        .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("\"x\""))))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("unqualified");
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("nope:$LATEST")
        .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("\"x\""))))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found");
    assertThatThrownBy(() -> lambda.getDurableExecution(b -> b.durableExecutionArn(
        "arn:aws:lambda:us-east-1:000000000000:function:approvals:$LATEST/durable-execution/a/b")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void sameNameStartsOnceAndSynchronousInvokeReturnsTheResult() {
    E2e.register(emulator, "echo", (String in, dev.durable.core.DurableContext ctx) ->
        ctx.step("shout", String.class, s -> in.toUpperCase()), TypeToken.of(String.class));
    var first = lambda.invoke(b -> b.functionName("echo:$LATEST").durableExecutionName("e-1")
        .payload(SdkBytes.fromUtf8String("\"hey\"")));
    assertThat(first.payload().asUtf8String()).isEqualTo("\"HEY\"");
    assertThat(first.functionError()).isNull();
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("echo:$LATEST")
        .durableExecutionName("e-1").payload(SdkBytes.fromUtf8String("\"other\""))))
        .isInstanceOf(software.amazon.awssdk.services.lambda.model.DurableExecutionAlreadyStartedException.class);
  }

  @Test
  void stopAndListThroughTheSdk() {
    String a = E2e.start(lambda, "approvals", "list-a", "\"a\"");
    String b = E2e.start(lambda, "approvals", "list-b", "\"b\"");
    E2e.eventually("both suspended", () -> E2e.suspended(emulator, a) && E2e.suspended(emulator, b));
    var stopped = lambda.stopDurableExecution(r -> r.durableExecutionArn(b)
        .error(e -> e.errorType("Operator").errorMessage("not needed")));
    assertThat(stopped.stopTimestamp()).isNotNull();
    ExecutionRecord end = emulator.awaitEnd(b, Duration.ofSeconds(10));
    assertThat(end.status()).isEqualTo(ExecutionStatus.STOPPED);

    List<Execution> running = lambda.listDurableExecutionsByFunction(r -> r
        .functionName("approvals").statusesWithStrings("RUNNING")).durableExecutions();
    assertThat(running).extracting(Execution::durableExecutionName).containsExactly("list-a");
    List<Execution> all = lambda.listDurableExecutionsByFunctionPaginator(r -> r
        .functionName("approvals").maxItems(1)).durableExecutions().stream().toList();
    assertThat(all).extracting(Execution::durableExecutionName)
        .containsExactlyInAnyOrder("list-a", "list-b");
    assertThat(E2e.types(E2e.history(lambda, b))).endsWith("ExecutionStopped");
  }

  @Test
  void pendingWithNothingPendingFailsTheExecution() {
    RequestStreamHandler liar = (in, out, ctx) -> {
      in.readAllBytes();
      out.write("{\"Status\":\"PENDING\"}".getBytes(StandardCharsets.UTF_8));
    };
    emulator.register("liar", liar);
    String arn = E2e.start(lambda, "liar", "liar-1", "{}");
    ExecutionRecord end = emulator.awaitEnd(arn, Duration.ofSeconds(10));
    assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(end.error().errorMessage())
        .isEqualTo("Cannot return PENDING status with no pending operations.");
  }

  @Test
  void aRepeatedCheckpointWithTheSameClientTokenGetsTheSameAnswer() {
    String arn = emulator.service().startExecution("nobody", null, "1", null).executionArn();
    String token = emulator.service().beginInvocation(arn).checkpointToken();
    var first = lambda.checkpointDurableExecution(b -> b.durableExecutionArn(arn).checkpointToken(token)
        .clientToken("retry-1").updates(u -> u.id("s1").name("s").type("STEP").subType("Step")
            .action("SUCCEED").payload("1")));
    // an SDK retry of a request whose answer was lost: same client token, same (now used) token
    var again = lambda.checkpointDurableExecution(b -> b.durableExecutionArn(arn).checkpointToken(token)
        .clientToken("retry-1").updates(u -> u.id("s1").name("s").type("STEP").subType("Step")
            .action("SUCCEED").payload("1")));
    assertThat(again.checkpointToken()).isEqualTo(first.checkpointToken());
    assertThat(emulator.operations(arn)).hasSize(2);
    assertThatThrownBy(() -> lambda.checkpointDurableExecution(b -> b.durableExecutionArn(arn)
        .checkpointToken(token).clientToken("retry-2").updates(List.of())))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith("Invalid checkpoint token");
  }

  @Test
  void historyWithoutExecutionDataLeavesPayloadsOut() {
    E2e.register(emulator, "echo", (String in, dev.durable.core.DurableContext ctx) ->
        ctx.step("shout", String.class, s -> in.toUpperCase()), TypeToken.of(String.class));
    String arn = E2e.start(lambda, "echo", "data-1", "\"secret\"");
    emulator.awaitEnd(arn, Duration.ofSeconds(10));
    var lean = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)
        .includeExecutionData(false)).events();
    assertThat(lean.get(0).executionStartedDetails().input()).isNull();
    assertThat(lean).filteredOn(e -> e.eventTypeAsString().equals("StepSucceeded"))
        .allMatch(e -> e.stepSucceededDetails().result() == null);
    var full = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)).events();
    assertThat(full.get(0).executionStartedDetails().input().payload()).isEqualTo("\"secret\"");
    var reversed = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)
        .reverseOrder(true)).events();
    assertThat(reversed.get(0).eventTypeAsString()).isEqualTo("ExecutionSucceeded");
  }

  @Test
  void aHandlerAnsweringGarbageIsAnInvocationError() {
    RequestStreamHandler garbage = (in, out, ctx) -> out.write("OK!".getBytes(StandardCharsets.UTF_8));
    emulator.register("garbage", garbage);
    String arn = E2e.start(lambda, "garbage", "garbage-1", "{}");
    ExecutionRecord end = emulator.awaitEnd(arn, Duration.ofSeconds(10));
    assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(end.error().errorType()).isEqualTo(LambdaEnvelopeException.class.getName());
    assertThat(end.error().errorMessage()).contains("response is not JSON");
  }

  @Test
  void aHandlerThatKeepsThrowingFailsAfterThreeInvocations() {
    RequestStreamHandler broken = (in, out, ctx) -> {
      throw new IllegalStateException("boom");
    };
    emulator.register("broken", broken);
    String arn = E2e.start(lambda, "broken", "broken-1", "{}");
    ExecutionRecord end = emulator.awaitEnd(arn, Duration.ofSeconds(10));
    assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(end.error().errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(end.error().errorMessage()).contains("3 times").contains("boom");
  }
}
