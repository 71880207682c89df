package dev.durable.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.durable.core.DurableFunction;
import dev.durable.core.TypeToken;
import dev.durable.core.model.InvocationOutput;
import dev.durable.core.model.InvocationStatus;
import dev.durable.lambda.emulator.LambdaEmulator;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** How the handler ends an invocation when the service cannot be reached or refuses. */
class HandlerErrorsTest {
  private static final DurableFunction<String, String> ONE_STEP =
      (in, ctx) -> ctx.step("s", String.class, s -> in);

  private static String event(String arn, String token, String marker) {
    String exec = arn.substring(arn.lastIndexOf('/') + 1);
    return "{\"DurableExecutionArn\":\"" + arn + "\",\"CheckpointToken\":\"" + token
        + "\",\"InitialExecutionState\":{\"Operations\":[{\"Id\":\"" + exec + "\",\"Type\":\"EXECUTION\","
        + "\"Status\":\"STARTED\",\"StartTimestamp\":1767225600000,\"ExecutionDetails\":"
        + "{\"InputPayload\":\"\\\"x\\\"\"}}]" + (marker == null ? "" : ",\"NextMarker\":\"" + marker + "\"")
        + "}}";
  }

  @Test
  void anUnreachableServiceIsThrownSoLambdaRetriesTheInvocation() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    try (LambdaClient client = LambdaClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + deadPort))
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
      var handler = new DurableHandler<>(ONE_STEP, TypeToken.of(String.class),
          HandlerOptions.defaults().withClient(client));
      String arn = "arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST/durable-execution/n/e1";
      assertThatThrownBy(() -> handler.handle(event(arn, "dG9r", null).getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(SdkClientException.class);
    }
  }

  @Test
  void aRefusedStatePageEndsTheExecutionFailed() {
    try (LambdaEmulator emulator = LambdaEmulator.start(0); LambdaClient client = emulator.newClient()) {
      var handler = new DurableHandler<>(ONE_STEP, TypeToken.of(String.class),
          HandlerOptions.defaults().withClient(client));
      String arn = emulator.service().startExecution("nobody", null, "\"x\"", null).executionArn();
      String token = emulator.service().beginInvocation(arn).checkpointToken();
      InvocationOutput out = handler.handle(
          event(arn, token, "not-a-marker").getBytes(StandardCharsets.UTF_8));
      assertThat(out.status()).isEqualTo(InvocationStatus.FAILED);
      assertThat(out.error().errorType()).isEqualTo("InvalidParameterValueException");
      assertThat(out.error().errorMessage()).contains("Invalid marker");
      assertThat(emulator.requestCounts()).doesNotContainKey("CheckpointDurableExecution");
    }
  }

  @Test
  void aStaleTokenWhilePagingIsThrown() {
    try (LambdaEmulator emulator = LambdaEmulator.start(0); LambdaClient client = emulator.newClient()) {
      var handler = new DurableHandler<>(ONE_STEP, TypeToken.of(String.class),
          HandlerOptions.defaults().withClient(client));
      String arn = emulator.service().startExecution("nobody", null, "\"x\"", null).executionArn();
      String stale = emulator.service().beginInvocation(arn).checkpointToken();
      emulator.service().beginInvocation(arn); // a newer invocation took over
      assertThatThrownBy(() -> handler.handle(event(arn, stale, "0").getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(dev.durable.core.service.ServiceException.class)
          .hasMessageStartingWith("Invalid checkpoint token");
    }
  }
}
