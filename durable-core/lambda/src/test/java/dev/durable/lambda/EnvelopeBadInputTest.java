package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.model.InvocationStatus;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Malformed invocation events: each is refused with an error that names the field, and nothing is
 * checkpointed or even fetched (the emulator counts every request the handler makes).
 */
class EnvelopeBadInputTest {
  private static final String ARN =
      "arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST/durable-execution/n/exec1";
  private static final String EXECUTION_OP = "{\"Id\":\"exec1\",\"Type\":\"EXECUTION\","
      + "\"Status\":\"STARTED\",\"StartTimestamp\":1767225600000,"
      + "\"ExecutionDetails\":{\"InputPayload\":\"\\\"in\\\"\"}}";

  private LambdaEmulator emulator;
  private LambdaClient client;
  private DurableHandler<String, String> handler;

  @BeforeEach
  void start() {
    emulator = LambdaEmulator.start(0);
    client = emulator.newClient();
    DurableFunction<String, String> echo = (in, ctx) -> ctx.step("echo", String.class, s -> in);
    handler = new DurableHandler<>(echo, TypeToken.of(String.class),
        HandlerOptions.defaults().withClient(client));
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "not json at all # not JSON",
      "[1,2] # The invocation event is [1,2]; expected a JSON object",
      "{\"hello\":\"world\"} # was not created with durable execution enabled",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"InitialExecutionState\":{\"Operations\":[]}} "
          + "# CheckpointToken is missing",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":42,\"InitialExecutionState\":"
          + "{\"Operations\":[]}} # CheckpointToken is 42; expected a string",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\"} "
          + "# InitialExecutionState is missing",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\",\"InitialExecutionState\":"
          + "{\"Operations\":{}}} # InitialExecutionState.Operations is {}; expected a JSON array",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\",\"InitialExecutionState\":"
          + "{\"Operations\":[{\"Id\":\"exec1\",\"Type\":\"TIMER\",\"Status\":\"STARTED\"}]}} "
          + "# InitialExecutionState.Operations[0].Type is 'TIMER', which is not a known OperationType",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\",\"InitialExecutionState\":"
          + "{\"Operations\":[{\"Id\":\"exec1\",\"Type\":\"EXECUTION\",\"Status\":\"RUNNING\"}]}} "
          + "# InitialExecutionState.Operations[0].Status is 'RUNNING', which is not a known OperationStatus",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\",\"InitialExecutionState\":"
          + "{\"Operations\":[{\"Id\":\"exec1\",\"Type\":\"EXECUTION\",\"Status\":\"STARTED\","
          + "\"StartTimestamp\":\"yesterday\"}]}} "
          + "# InitialExecutionState.Operations[0].StartTimestamp is \"yesterday\"; expected a timestamp",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\",\"InitialExecutionState\":"
          + "{\"Operations\":[{\"Id\":\"s1\",\"Type\":\"STEP\",\"Status\":\"STARTED\","
          + "\"StepDetails\":{\"Attempt\":\"two\"}}]}} "
          + "# InitialExecutionState.Operations[0].StepDetails.Attempt is \"two\"; expected an integer",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\",\"InitialExecutionState\":"
          + "{\"Operations\":[{\"Id\":\"s1\",\"Type\":\"STEP\",\"Status\":\"SUCCEEDED\"}]}} "
          + "# has no EXECUTION operation with Id 'exec1'",
      "{\"DurableExecutionArn\":\"" + ARN + "\",\"CheckpointToken\":\"dA==\",\"InitialExecutionState\":"
          + "{\"Operations\":[" + EXECUTION_OP + "]},\"UpdatedOperationIds\":\"s1\"} "
          + "# UpdatedOperationIds is \"s1\"; expected a JSON array",
  })
  void malformedEventIsRefusedBeforeAnyRequest(String event, String expectedMessage) {
    assertThatThrownBy(() -> handler.handle(event.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LambdaEnvelopeException.class)
        .hasMessageContaining(expectedMessage.strip());
    assertThat(emulator.requestCounts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1767225600000", "\"1767225600000\"", "1767225600.5",
      "\"2026-01-01T00:00:00Z\"", "\"2026-01-01 00:00:00.000000+00:00\""})
  void timestampsAreReadLeniently(String timestamp) {
    // a real execution (of a function the emulator does not run), so the handler can checkpoint;
    // its event is rebuilt here with this timestamp
    String arn = emulator.service().startExecution("unregistered", null, "\"hi\"", null).executionArn();
    var input = emulator.service().beginInvocation(arn);
    String exec = arn.substring(arn.lastIndexOf('/') + 1);
    String event = "{\"DurableExecutionArn\":\"" + arn + "\",\"CheckpointToken\":\""
        + input.checkpointToken() + "\",\"InitialExecutionState\":{\"Operations\":[{\"Id\":\"" + exec
        + "\",\"Type\":\"EXECUTION\",\"Status\":\"STARTED\",\"StartTimestamp\":" + timestamp
        + ",\"ExecutionDetails\":{\"InputPayload\":\"\\\"hi\\\"\"}}]}}";
    var out = handler.handle(event.getBytes(StandardCharsets.UTF_8));
    assertThat(out.status()).isEqualTo(InvocationStatus.SUCCEEDED);
    assertThat(out.result()).isEqualTo("\"hi\"");
    assertThat(emulator.requestCounts()).containsEntry("CheckpointDurableExecution", 1L);
  }
}
