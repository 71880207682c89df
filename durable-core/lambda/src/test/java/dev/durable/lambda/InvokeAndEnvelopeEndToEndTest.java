package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.durable.core.DurableFunction;
import dev.durable.core.InvokeFailedException;
import dev.durable.core.TypeToken;
import dev.durable.core.model.ExecutionStatus;
import dev.durable.core.model.Operation;
import dev.durable.core.service.ExecutionRecord;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;

/** Chained invokes between emulated functions, and what the invocation events carry. */
class InvokeAndEnvelopeEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private LambdaEmulator emulator;
  private LambdaClient lambda;

  @BeforeEach
  void start() {
    emulator = LambdaEmulator.start(0);
    lambda = emulator.newClient();
  }

  @AfterEach
  void stop() {
    lambda.close();
    emulator.close();
  }

  @Test
  void chainedInvokeRunsTheTargetFunctionAndReturnsItsResult() {
    DurableFunction<String, String> shout = (in, ctx) ->
        ctx.step("upper", String.class, s -> in.toUpperCase());
    DurableFunction<String, String> caller = (in, ctx) ->
        "got " + ctx.invoke("call-shout", "shout:$LATEST", in, String.class);
    E2e.register(emulator, "shout", shout, TypeToken.of(String.class));
    E2e.register(emulator, "caller", caller, TypeToken.of(String.class));
    String arn = E2e.start(lambda, "caller", "chain-1", "\"hi\"");
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.result()).isEqualTo("\"got HI\"");
    List<Event> events = E2e.history(lambda, arn);
    Event started = events.stream().filter(e -> e.eventTypeAsString().equals("ChainedInvokeStarted"))
        .findFirst().orElseThrow();
    assertThat(started.chainedInvokeStartedDetails().functionName()).isEqualTo("shout:$LATEST");
    assertThat(started.chainedInvokeStartedDetails().input().payload()).isEqualTo("\"hi\"");
    assertThat(started.chainedInvokeStartedDetails().executedVersion()).isEqualTo("$LATEST");
    assertThat(E2e.types(events)).contains("ChainedInvokeSucceeded");
    var children = lambda.listDurableExecutionsByFunction(b -> b.functionName("shout"))
        .durableExecutions();
    assertThat(children).hasSize(1);
    assertThat(children.get(0).statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(started.chainedInvokeStartedDetails().durableExecutionArn())
        .isEqualTo(children.get(0).durableExecutionArn());
  }

  @Test
  void chainedInvokeOfAnUnknownFunctionFails() {
    DurableFunction<String, String> caller = (in, ctx) -> {
      try {
        return ctx.invoke("call-nobody", "nobody:$LATEST", in, String.class);
      } catch (InvokeFailedException e) {
        return "failed: " + e.getMessage();
      }
    };
    E2e.register(emulator, "caller", caller, TypeToken.of(String.class));
    String arn = E2e.start(lambda, "caller", "chain-2", "\"hi\"");
    ExecutionRecord done = emulator.awaitEnd(arn, Duration.ofSeconds(20));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.result()).contains("failed: ").contains("Function not found: nobody:$LATEST");
  }

  @Test
  void reinvocationEventsNameTheOperationsThatChanged() throws Exception {
    Map<String, String> callbackIds = new ConcurrentHashMap<>();
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    DurableHandler<String, String> real = new DurableHandler<>(Workflows.approval(callbackIds),
        TypeToken.of(String.class), HandlerOptions.defaults().withClient(lambda));
    RequestStreamHandler recording = (in, out, ctx) -> {
      byte[] event = in.readAllBytes();
      events.add(JSON.readTree(event));
      real.handleRequest(new ByteArrayInputStream(event), out, ctx);
    };
    emulator.register("approvals", recording);
    String arn = E2e.start(lambda, "approvals", "env-1", "\"env\"");
    E2e.eventually("the callback", () -> callbackIds.containsKey("env") && E2e.suspended(emulator, arn));
    lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackIds.get("env"))
        .result(SdkBytes.fromUtf8String("\"ok\"")));
    emulator.awaitEnd(arn, Duration.ofSeconds(20));

    assertThat(events).hasSize(2);
    JsonNode first = events.get(0);
    assertThat(first.get("DurableExecutionArn").asText()).isEqualTo(arn);
    assertThat(first.get("UpdatedOperationIds")).isEmpty();
    JsonNode firstOps = first.get("InitialExecutionState").get("Operations");
    assertThat(firstOps).hasSize(1);
    assertThat(firstOps.get(0).get("Type").asText()).isEqualTo("EXECUTION");
    assertThat(firstOps.get(0).get("StartTimestamp").isIntegralNumber()).isTrue(); // epoch millis
    assertThat(firstOps.get(0).get("StartTimestamp").asLong())
        .isEqualTo(emulator.operations(arn).get(0).startTimestamp().toEpochMilli());

    Operation callback = emulator.operations(arn).stream()
        .filter(o -> o.callbackDetails() != null).findFirst().orElseThrow();
    JsonNode second = events.get(1);
    assertThat(second.get("UpdatedOperationIds")).extracting(JsonNode::asText).contains(callback.id());
    assertThat(second.get("CheckpointToken").asText()).isNotEqualTo(first.get("CheckpointToken").asText());
  }
}
